package io.github.camelparallel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import io.github.camelparallel.spi.ItemTask;
import org.apache.camel.TypeConverter;

/**
 * Calls one public one-argument method of a bean with each item, converting the item to the parameter type with
 * Camel's type converters. The method is chosen once, at route start: the one named by {@code method=}, or the only
 * candidate the bean's class declares; anything else is an error listing the candidates. Immutable and thread-safe
 * as far as the bean itself is.
 */
final class BeanMethodTask implements ItemTask {

    private final Object bean;
    private final Method method;
    private final TypeConverter converter;

    private BeanMethodTask(Object bean, Method method, TypeConverter converter) {
        this.bean = bean;
        this.method = method;
        this.converter = converter;
    }

    static BeanMethodTask of(Object bean, String methodName, TypeConverter converter, String poolName) {
        List<Method> candidates = new ArrayList<>();
        for (Method m : bean.getClass().getMethods()) {
            boolean named = methodName != null ? m.getName().equals(methodName)
                    : m.getDeclaringClass() != Object.class && !m.isBridge() && !m.isSynthetic();
            if (named && m.getParameterCount() == 1 && !Modifier.isStatic(m.getModifiers())) {
                candidates.add(m);
            }
        }
        if (candidates.size() != 1) {
            String which = methodName != null ? "public one-argument method named '" + methodName + "'"
                    : "single public one-argument method (set method=)";
            throw new IllegalArgumentException("Option task of parallel:" + poolName + ": " + bean.getClass().getName()
                    + " is not a Function or Processor and has " + (candidates.isEmpty() ? "no" : "more than one")
                    + " " + which + (candidates.isEmpty() ? "" : ": " + candidates));
        }
        Method method = candidates.get(0);
        method.setAccessible(true);
        return new BeanMethodTask(bean, method, converter);
    }

    @Override
    public Object apply(Object item, int index, int attempt) throws Exception {
        Class<?> type = method.getParameterTypes()[0];
        Object argument = item == null || type.isInstance(item) ? item : converter.mandatoryConvertTo(type, item);
        try {
            return method.invoke(bean, argument);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
