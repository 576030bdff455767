package io.github.camelparallel.tasks;

/** A plain bean task: neither Function nor Processor. */
public class Greeter {

    public String greet(String name) {
        return "hello " + name;
    }

    public String shout(String name) {
        return name.toUpperCase() + "!";
    }

    public int length(String name) {
        return name.length();
    }
}
