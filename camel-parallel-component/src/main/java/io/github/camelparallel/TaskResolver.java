package io.github.camelparallel;

import java.util.HashMap;
import java.util.function.Function;

import io.github.camelparallel.spi.ItemTask;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.ExchangeHelper;

/**
 * Turns the endpoint's {@code task} option into an {@link ExchangeTask}, once, at producer start: a
 * {@code Function} is called with the item; a {@code Processor} gets one exchange per item, a correlated copy of the
 * batch exchange (its headers and properties; body = item, {@code CamelParallelIndex} and {@code CamelParallelAttempt}
 * set) and its
 * result is that exchange's final body; any other bean is called through {@link BeanMethodTask}. No task: every item
 * goes to the route {@code from("parallel:NAME")} the same way as to a Processor. Stateless.
 */
final class TaskResolver {

    private TaskResolver() {
    }

    /** The task option as an object: a reference given as text looked up (once); null for a route task. */
    static Object taskBean(ParallelEndpoint endpoint) {
        Object task = endpoint.getConfiguration().getTask();
        if (task instanceof String name && !BeanReferences.isReference(name)) {
            task = "#bean:" + name; // a bare name set in code is a bean name, as it always was
        }
        return BeanReferences.resolve(endpoint.getCamelContext(), task, "task", endpoint.getName());
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
                Exchange exchange = ExchangeHelper.createCorrelatedCopy(batch, false);
                exchange.getIn().setHeader(ParallelConstants.INDEX, index);
                exchange.getIn().setHeader(ParallelConstants.ATTEMPT, attempt);
                exchange.getIn().setBody(item);
                processor.process(exchange);
                return resultOf(exchange);
            };
        }
        ItemTask beanTask = BeanMethodTask.of(task, config.getMethod(), context.getTypeConverter(), poolName);
        return batch -> beanTask;
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
