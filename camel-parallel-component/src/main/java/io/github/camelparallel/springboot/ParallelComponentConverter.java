package io.github.camelparallel.springboot;

import java.lang.reflect.Field;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.context.ApplicationContext;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;

/**
 * Turns a {@code #name} or {@code #bean:name} property value into the Spring bean of that name, for the options of
 * {@link ParallelComponentConfiguration} whose type is neither text, a number, a flag nor a map (for instance
 * {@code camel.component.parallel.executor-service=#myPool}), as camel-spring-boot's component converters do. Any other
 * value for such an option fails the binding, naming the value and the type expected. Stateless after construction.
 */
@AutoConfiguration
@ConditionalOnClass(name = "org.apache.camel.spring.boot.CamelAutoConfiguration")
@ConfigurationPropertiesBinding
public class ParallelComponentConverter implements GenericConverter {

    private final ApplicationContext applicationContext;

    public ParallelComponentConverter(ApplicationContext applicationContext) {
        this.applicationContext = applicationContext;
    }

    @Override
    public Set<ConvertiblePair> getConvertibleTypes() {
        Set<ConvertiblePair> pairs = new LinkedHashSet<>();
        for (Field field : ParallelComponentConfiguration.class.getDeclaredFields()) {
            if (isBeanType(field.getType())) {
                pairs.add(new ConvertiblePair(String.class, field.getType()));
            }
        }
        return pairs;
    }

    /**
     * Whether options of this type are set by bean reference: anything but java.lang and java.time types, maps and
     * collections (Spring binds those itself) and primitives.
     */
    static boolean isBeanType(Class<?> type) {
        return !type.isPrimitive() && !type.getName().startsWith("java.lang.") && !type.getName().startsWith("java.time.")
                && !Map.class.isAssignableFrom(type) && !Collection.class.isAssignableFrom(type);
    }

    @Override
    public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
        if (source == null) {
            return null;
        }
        String ref = source.toString();
        if (!ref.startsWith("#")) {
            throw new IllegalArgumentException("'" + ref + "' is not a bean reference: a " + targetType.getName()
                    + " option takes #name or #bean:name");
        }
        String name = ref.startsWith("#bean:") ? ref.substring(6) : ref.substring(1);
        return applicationContext.getBean(name, targetType.getType());
    }
}
