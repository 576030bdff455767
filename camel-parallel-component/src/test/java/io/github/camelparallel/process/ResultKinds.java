package io.github.camelparallel.process;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A task for real JVM workers whose result kind is written in the item: {@code "self"} gives a list that contains
 * itself, {@code "getter"} a bean whose getter throws (neither can be written as JSON); {@code "big:N"} a
 * string of N characters; any other string {@code item + "!"}; anything that is not a string comes back as it came
 * (nested lists, numbers).
 */
public class ResultKinds implements Function<Object, Object> {

    @Override
    public Object apply(Object item) {
        if (!(item instanceof String text)) {
            return item; // nested lists and other JSON come back as they came
        }
        if (text.equals("self")) {
            List<Object> self = new ArrayList<>();
            self.add(self);
            return self;
        }
        if (text.equals("getter")) {
            return new FailingGetter();
        }
        if (text.startsWith("big:")) {
            return "x".repeat(Integer.parseInt(text.substring(4)));
        }
        return text + "!";
    }

    /** A bean Jackson cannot write: its only property's getter throws. */
    public static final class FailingGetter {
        public String getValue() {
            throw new IllegalStateException("no value today");
        }
    }
}
