package io.github.camelparallel.hazelcast;

import java.util.Map;

import io.github.camelparallel.TestContexts;
import org.apache.camel.CamelContext;

/** Starts a route with backend=hazelcast on a classpath without Hazelcast and prints how the start failed. */
public final class NoHazelcastMain {

    private NoHazelcastMain() {
    }

    public static void main(String[] args) {
        try {
            CamelContext context = TestContexts.started(Map.of(), TestContexts.route("direct:in",
                    "parallel:nohz?backend=hazelcast&task=#class:" + HazelcastMembersTest.WhereAmI.class.getName()));
            context.stop();
            System.out.println("STARTED");
        } catch (Throwable e) {
            Throwable cause = e;
            StringBuilder messages = new StringBuilder("FAILED AT START:");
            while (cause != null) {
                messages.append(' ').append(cause.getMessage());
                cause = cause.getCause();
            }
            System.out.println(messages);
        }
    }
}
