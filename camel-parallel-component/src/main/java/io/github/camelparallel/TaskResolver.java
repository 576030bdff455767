package io.github.camelparallel;

import java.util.HashMap;
import java.util.function.Function;

import io.github.camelparallel.spi.ItemTask;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultExchange;

/**
 * Turns the endpoint's {@code task} option into an {@link ExchangeTask}, once, at producer start: a
 * {@code Function} is called with the item; a {@code Processor} gets one exchange per item (body = item, the batch
 * exchange's headers and properties copied, {@code CamelParallelIndex} and {@code CamelParallelAttempt} set) and its
 * result is that exchange's final body; any other bean is called through {@link BeanMethodTask}. No task: every item
 * goes to the route {@code from("parallel:NAME")} the same way as to a Processor. Stateless.
 */
final class TaskResolver {

    private TaskResolver() {
    }

    /** The task option as an object: a reference given as text looked up (once); null for a route task. */
    static Object taskBean(ParallelEndpoint endpoint) {
        Object task = endpoint.getConfiguration().getTask();
        return task instanceof String reference ? lookup(endpoint.getCamelContext(), reference, endpoint.getName()) : task;
    }

    /** @param task the endpoint's {@link #taskBean}, null for a route task */
    @SuppressWarnings("unchecked")
    static ExchangeTask resolve(ParallelEndpoint endpoint, Object task) {
        ParallelConfiguration config = endpoint.getConfiguration();
        CamelContext context = endpoint.getCamelContext();
        String poolName = endpoint.getName();
        if (task == null) {
            return batch -> (item, index, attempt) -> {
                ParallelConsumer consumer = endpoint.getComponent().consumerFor(poolName);
                if (consumer == null) {
                    throw new IllegalStateException("parallel:" + poolName + " has no task= option and no running route"
                            + " from(\"parallel:" + poolName + "\") to send items to");
                }
                return consumer.runItem(batch, item, index, attempt);
            };
        }
        if (config.getMethod() == null && task instanceof Function<?, ?> function) {
            Function<Object, Object> f = (Function<Object, Object>) function;
            ItemTask itemTask = (item, index, attempt) -> f.apply(item);
            return batch -> itemTask;
        }
        if (config.getMethod() == null && task instanceof Processor processor) {
            return batch -> (item, index, attempt) -> {
                Exchange exchange = itemExchange(batch, item, index, attempt, new DefaultExchange(context));
                processor.process(exchange);
                return resultOf(exchange);
            };
        }
        ItemTask beanTask = BeanMethodTask.of(task, config.getMethod(), context.getTypeConverter(), poolName);
        return batch -> beanTask;
    }

    /** A task given as text (set in code rather than bound from a URI): the same reference forms as Camel's. */
    private static Object lookup(CamelContext context, String reference, String poolName) {
        Object bean;
        try {
            if (reference.startsWith("#class:")) {
                Class<?> type = context.getClassResolver().resolveMandatoryClass(reference.substring(7).trim());
                bean = context.getInjector().newInstance(type);
            } else if (reference.startsWith("#type:")) {
                Class<?> type = context.getClassResolver().resolveMandatoryClass(reference.substring(6).trim());
                bean = context.getRegistry().mandatoryFindSingleByType(type);
            } else {
                String name = reference.startsWith("#bean:") ? reference.substring(6)
                        : reference.startsWith("#") ? reference.substring(1) : reference;
                bean = context.getRegistry().lookupByName(name.trim());
            }
        } catch (Exception e) {
            throw new IllegalArgumentException("Option task of parallel:" + poolName + ": cannot resolve '" + reference
                    + "': " + e.getMessage(), e);
        }
        if (bean == null) {
            throw new IllegalArgumentException("Option task of parallel:" + poolName + ": no bean for '" + reference
                    + "' in the registry; use #name, #bean:name, #class:fqcn or #type:fqcn");
        }
        return bean;
    }

    /** Fills an item's exchange from the batch exchange. */
    static Exchange itemExchange(Exchange batch, Object item, int index, int attempt, Exchange exchange) {
        exchange.getIn().setHeaders(new HashMap<>(batch.getMessage().getHeaders()));
        exchange.getIn().setHeader(ParallelConstants.INDEX, index);
        exchange.getIn().setHeader(ParallelConstants.ATTEMPT, attempt);
        exchange.getIn().setBody(item);
        exchange.getProperties().putAll(batch.getProperties());
        return exchange;
    }

    /** An item exchange's result: its final body, or its exception thrown. */
    static Object resultOf(Exchange exchange) throws Exception {
        Exception failure = exchange.getException();
        if (failure != null) {
            throw failure;
        }
        return exchange.getMessage().getBody();
    }
}
