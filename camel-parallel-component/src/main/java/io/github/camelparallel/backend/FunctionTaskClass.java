package io.github.camelparallel.backend;

import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import org.apache.camel.spi.ClassResolver;

/**
 * The task of a backend whose items run outside this JVM's threads (worker processes, cluster members): a public
 * {@code java.util.function.Function} class with a public no-arg constructor, named by {@code task=#class:fqcn} (or
 * given as an instance, whose class is used). Each worker or member creates its own instance. Checked at route start,
 * with a message naming the pool and the class. Stateless and thread-safe.
 */
public final class FunctionTaskClass {

    private FunctionTaskClass() {
    }

    /**
     * @param task    the task option: a class reference ({@code #class:fqcn} or a class name) or an instance
     * @param backend the backend's name, for messages
     * @throws IllegalArgumentException naming the pool and the class when it is missing or unfit
     */
    public static Class<?> resolve(Object task, String poolName, String backend, ClassResolver classes) {
        if (task == null) {
            throw new IllegalArgumentException("backend=" + backend + " of parallel:" + poolName + " needs a task class"
                    + " (task=#class:fqcn, a java.util.function.Function with a public no-arg constructor)"
                    + ("process".equals(backend) ? " or a worker command (command=python3 my_worker.py)" : ""));
        }
        Class<?> type;
        if (task instanceof String name) {
            String fqcn = className(name);
            type = classes.resolveClass(fqcn);
            if (type == null) {
                throw new IllegalArgumentException("Option task of parallel:" + poolName + ": class " + fqcn + " not found");
            }
        } else {
            type = task.getClass();
        }
        if (!Function.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("Option task of parallel:" + poolName + ": " + type.getName()
                    + " is not a java.util.function.Function; backend=" + backend + " runs Function classes"
                    + ("process".equals(backend) ? " (or a command=)" : ""));
        }
        try {
            if (!Modifier.isPublic(type.getModifiers()) || !Modifier.isPublic(type.getConstructor().getModifiers())) {
                throw new NoSuchMethodException("not public");
            }
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("Option task of parallel:" + poolName + ": " + type.getName()
                    + " needs to be a public class with a public no-arg constructor: each "
                    + ("process".equals(backend) ? "worker process" : "cluster member") + " creates its own instance");
        }
        return type;
    }

    /** The {@code R} of {@code Function<T, R>} as the class binds it, or null when it leaves it open. */
    public static Type resultType(Class<?> taskClass) {
        JavaType[] types = TypeFactory.defaultInstance().findTypeParameters(taskClass, Function.class);
        return types.length == 2 ? types[1] : null;
    }

    /** The class name of a reference ({@code #class:fqcn}, a plain name) or of an instance; null for null. */
    public static String className(Object reference) {
        if (reference == null) {
            return null;
        }
        if (reference instanceof String s) {
            return s.startsWith("#class:") ? s.substring(7).trim() : s.trim();
        }
        return reference.getClass().getName();
    }
}
