package io.github.camelparallel.protocol;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JavaType;

/**
 * One value (an item or a result) as a JSON tree that a frame can carry between the parent and a worker or a cluster
 * member, or an
 * {@link IllegalArgumentException} saying why not. It exists because Jackson answers a value that contains
 * itself, or nests some thousands deep, with a {@link StackOverflowError}, and a tree deeper than Jackson's nesting
 * limit ({@value #JACKSON_MAX_DEPTH}, the default of both {@code StreamWriteConstraints} and
 * {@code StreamReadConstraints}) makes the whole frame unwritable or unreadable: either would fail every item of the
 * chunk, not the one value at fault. Checking each value alone keeps the failure on its own item.
 * <p>
 * Guarantees: a tree returned here fits in a frame ({@value #MAX_DEPTH} levels at most, the frame's object and array
 * taking two); everything else is an IllegalArgumentException (its caller names the item and the value's class). Stateless and
 * thread-safe.
 */
public final class FrameValues {

    public static final int JACKSON_MAX_DEPTH = StreamWriteConstraints.DEFAULT_MAX_DEPTH;
    /** The deepest value a frame carries: the frame's object and its array take two of Jackson's levels. */
    public static final int MAX_DEPTH = JACKSON_MAX_DEPTH - 2;

    private FrameValues() {
    }

    /**
     * The value as a tree that fits in a frame.
     *
     * @throws IllegalArgumentException saying why, when Jackson cannot write it, it contains itself, or it nests
     *                                  deeper than {@value #MAX_DEPTH} levels (the caller names the value and its
     *                                  class)
     */
    public static JsonNode tree(Object value) {
        return tree(value, null);
    }

    /**
     * The value as a tree that fits in a frame and reads back equal as {@code declared} (see
     * {@link FrameCodec#toExactTree}); {@code declared} null: any tree Jackson writes.
     *
     * @throws IllegalArgumentException as {@link #tree(Object)}, and when the value would read back different
     */
    public static JsonNode tree(Object value, JavaType declared) {
        JsonNode tree;
        try {
            tree = declared == null ? FrameCodec.SHARED.toTree(value) : FrameCodec.SHARED.toExactTree(value, declared);
        } catch (StackOverflowError e) {
            throw new IllegalArgumentException("it contains itself, or nests deeper than " + MAX_DEPTH
                    + " levels (" + e + " while Jackson wrote it)", e);
        }
        if (deeperThan(tree, MAX_DEPTH)) {
            throw new IllegalArgumentException("it nests deeper than " + MAX_DEPTH + " levels, the most a frame"
                    + " carries (Jackson's nesting limit is " + JACKSON_MAX_DEPTH + ")");
        }
        return tree;
    }

    public static String typeOf(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }

    /** Whether the tree's arrays and objects nest deeper than {@code max}; iterative, so any depth is safe. */
    public static boolean deeperThan(JsonNode root, int max) {
        if (!root.isContainerNode()) {
            return false;
        }
        Deque<Iterator<JsonNode>> path = new ArrayDeque<>();
        path.push(root.elements());
        while (!path.isEmpty()) {
            Iterator<JsonNode> children = path.peek();
            if (!children.hasNext()) {
                path.pop();
                continue;
            }
            JsonNode child = children.next();
            if (child.isContainerNode()) {
                if (path.size() + 1 > max) {
                    return true;
                }
                path.push(child.elements());
            }
        }
        return false;
    }
}
