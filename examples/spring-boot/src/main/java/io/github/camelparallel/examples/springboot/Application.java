package io.github.camelparallel.examples.springboot;

import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The Spring Boot application: the routes are YAML files under {@code src/main/resources/camel/}, the component's
 * options are in {@code application.yml}, and the task of the thread pool is the {@code square} bean below.
 */
@SpringBootApplication
public class Application {

    public static void main(String[] args) {
        SpringApplication.run(Application.class, args);
    }

    /** The thread pool's task, referred to as task=#square. */
    @Bean
    Function<Integer, Long> square() {
        return n -> (long) n * n;
    }

    /** The batches of the routes: numbers.upTo(n) is 1..n. */
    @Bean
    Numbers numbers() {
        return new Numbers();
    }

    /** Makes the batches. */
    public static class Numbers {
        public List<Integer> upTo(int n) {
            return IntStream.rangeClosed(1, n).boxed().toList();
        }
    }
}
