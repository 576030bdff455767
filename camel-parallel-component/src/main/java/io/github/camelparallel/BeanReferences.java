package io.github.camelparallel;

import org.apache.camel.CamelContext;
import org.apache.camel.support.PropertyBindingSupport;

/**
 * Resolves an option given as reference text ({@code #name}, {@code #bean:name}, {@code #class:fqcn},
 * {@code #type:fqcn}) with Camel's own {@link PropertyBindingSupport#resolveBean}, the way Camel binds such a value
 * from a URI. Options bound from a URI arrive resolved already; this serves the same text set in code or in a
 * component-level default. Called once per producer start, by {@link TaskResolver} and {@link ResultCacheResolver}.
 * Stateless.
 */
final class BeanReferences {

    private BeanReferences() {
    }

    /** Whether the value is reference text. */
    static boolean isReference(Object value) {
        return value instanceof String text && text.startsWith("#");
    }

    /**
     * @param value  the option's value: reference text is resolved, anything else returned as is
     * @param option the option's name, for the error
     * @throws IllegalArgumentException naming the option, the pool and the reference when it resolves to nothing
     */
    static Object resolve(CamelContext context, Object value, String option, String pool) {
        if (!isReference(value)) {
            return value;
        }
        String text = ((String) value).trim();
        String camelForm = text.startsWith("#class:") || text.startsWith("#type:") || text.startsWith("#bean:")
                || text.startsWith("#valueAs(") ? text : "#bean:" + text.substring(1).trim();
        Object bean;
        try {
            bean = PropertyBindingSupport.resolveBean(context, camelForm);
        } catch (Exception e) {
            throw new IllegalArgumentException("Option " + option + " of parallel:" + pool + ": cannot resolve '" + text
                    + "': " + e.getMessage() + "; use #name, #bean:name, #class:fqcn or #type:fqcn", e);
        }
        if (bean == null) {
            throw new IllegalArgumentException("Option " + option + " of parallel:" + pool + ": no bean for '" + text
                    + "' in the registry; use #name, #bean:name, #class:fqcn or #type:fqcn");
        }
        return bean;
    }
}
