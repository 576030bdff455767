package io.github.camelparallel.worker;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.function.Function;

import io.github.camelparallel.protocol.Frame;
import io.github.camelparallel.protocol.LineReader;
import io.github.camelparallel.protocol.LineWriter;

/**
 * The entry point of a JVM worker process of the process backend:
 * {@code java -cp <classpath> io.github.camelparallel.worker.WorkerMain --task <fqcn> [--initializer <fqcn>]
 * [--max-message-size <bytes>]}. It exists to turn a plain {@code java.util.function.Function} class into a worker
 * that speaks protocol v1 (docs/worker-protocol.md) on its stdin/stdout.
 * <p>
 * Start-up, in this order:
 * <ol>
 * <li>{@code System.out} is moved to {@code System.err} and {@code System.in} is replaced by an empty stream, before
 * anything else: the real stdout (file descriptor 1) carries protocol lines only, and the real stdin is read by the
 * protocol only, so a task that prints or reads the console cannot corrupt the channel.</li>
 * <li>The arguments are parsed; the task class is loaded (not yet initialized) and checked: it must exist, implement
 * {@code Function}, be a concrete class and have a public no-arg constructor. Otherwise a message naming the class
 * and the problem goes to stderr and the worker exits with {@link #EXIT_BAD_SETUP}.</li>
 * <li>The initializer, if any, is loaded (same checks against {@code Runnable}, same exit code) and run once on the
 * main thread. If it throws, its stack trace goes to stderr and the worker exits with
 * {@link #EXIT_INITIALIZER_FAILED}.</li>
 * <li>The task is instantiated once (after the initializer, so the initializer can prepare what the constructor
 * needs); a constructor that throws exits with {@link #EXIT_BAD_SETUP} and the stack trace on stderr.</li>
 * <li>Only then is {@code {"type":"hello","protocol":1,"pid":..,"runtime":"java <version>"}} written: a worker that
 * said hello is ready. Then {@link WorkerLoop} serves runs until its outcome, which is mapped to the exit code.</li>
 * </ol>
 * Every exit goes through {@link System#exit}, backed by a watchdog that halts the JVM if shutdown hooks (a task
 * library's, say) do not let it end within {@value #EXIT_WATCHDOG_MILLIS} ms: a worker whose parent is gone ends
 * promptly. Not instantiable; {@link #main} is called once per process.
 */
public final class WorkerMain {

    /** {@code shutdown} received, or the end of stdin (the parent closed the pipe or died). */
    public static final int EXIT_OK = 0;
    /**
     * Bad arguments, or a task (or initializer) class that is missing, of the wrong kind, without a public no-arg
     * constructor, or whose constructor threw. Before {@code hello}.
     */
    public static final int EXIT_BAD_SETUP = 2;
    /** The initializer threw. Before {@code hello}. */
    public static final int EXIT_INITIALIZER_FAILED = 3;
    /** The parent sent a malformed line, a line over {@code --max-message-size}, or a frame a worker does not take. */
    public static final int EXIT_PROTOCOL_ERROR = 4;
    /** Reading stdin or writing stdout failed (other than a clean end of stdin). */
    public static final int EXIT_IO_ERROR = 5;
    /** A task raised a fatal {@link VirtualMachineError} (out of memory, ...); the stack trace is on stderr. */
    public static final int EXIT_FATAL_ERROR = 6;
    // 1 is left to the JVM: an uncaught exception in main exits 1, which would mean a bug here.

    /** The default for {@code --max-message-size}: 64 MiB. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 64 * 1024 * 1024;

    static final long EXIT_WATCHDOG_MILLIS = 1500;

    /**
     * Run for building a class data sharing archive of the worker (see {@code WorkerClassArchive}): the task class is
     * loaded and checked, the initializer and the task's constructor are not run, and runs echo their items.
     */
    public static final String TRAINING_FLAG = "--cds-training";

    private WorkerMain() {
    }

    public static void main(String[] args) {
        PrintStream stderr = System.err;
        System.setOut(stderr); // first: from here on only the protocol writes to file descriptor 1
        System.setIn(InputStream.nullInputStream());
        OutputStream protocolOut = new FileOutputStream(FileDescriptor.out);
        InputStream protocolIn = new FileInputStream(FileDescriptor.in);
        int code;
        try {
            code = run(args, protocolIn, protocolOut, stderr);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stderr.println("camel-parallel worker: interrupted");
            code = EXIT_FATAL_ERROR;
        }
        if (Arrays.asList(args).contains(TRAINING_FLAG)) {
            System.exit(code); // the class data sharing archive is written during exit: no watchdog may cut it short
        }
        exit(code);
    }

    /**
     * Everything {@link #main} does except taking over the standard streams and exiting: returns the exit code.
     * Package-private for tests.
     */
    static int run(String[] args, InputStream in, OutputStream out, PrintStream err) throws InterruptedException {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("camel-parallel worker: " + e.getMessage());
            err.println(Arguments.USAGE);
            return EXIT_BAD_SETUP;
        }

        Constructor<?> taskConstructor;
        Constructor<?> initializerConstructor = null;
        try {
            taskConstructor = noArgConstructor(arguments.task, Function.class, "task");
            if (arguments.initializer != null) {
                initializerConstructor = noArgConstructor(arguments.initializer, Runnable.class, "initializer");
            }
        } catch (SetupException e) {
            err.println("camel-parallel worker: " + e.getMessage());
            if (e.getCause() != null) {
                e.getCause().printStackTrace(err);
            }
            return EXIT_BAD_SETUP;
        }

        if (arguments.training) {
            // building a class data sharing archive: the task class is loaded and checked, but no user code runs;
            // an identity task walks the protocol's code paths on the items the parent sends
            return serve(Function.identity(), arguments, in, out, err);
        }

        if (initializerConstructor != null) {
            Runnable initializer;
            try {
                initializer = (Runnable) instantiate(initializerConstructor, "initializer");
            } catch (SetupException e) {
                err.println("camel-parallel worker: " + e.getMessage());
                e.getCause().printStackTrace(err);
                return EXIT_BAD_SETUP;
            }
            try {
                initializer.run();
            } catch (Throwable e) {
                err.println("camel-parallel worker: initializer " + arguments.initializer + " failed: " + e);
                e.printStackTrace(err);
                return EXIT_INITIALIZER_FAILED;
            }
        }

        Function<?, ?> task;
        try {
            task = (Function<?, ?>) instantiate(taskConstructor, "task");
        } catch (SetupException e) {
            err.println("camel-parallel worker: " + e.getMessage());
            e.getCause().printStackTrace(err);
            return EXIT_BAD_SETUP;
        }

        return serve(task, arguments, in, out, err);
    }

    private static int serve(Function<?, ?> task, Arguments arguments, InputStream in, OutputStream out,
            PrintStream err) throws InterruptedException {
        WorkerLoop loop = new WorkerLoop(task, in, out, arguments.maxMessageSize, err);
        try {
            new LineWriter(out).write(Frame.Hello.ofThisProcess("java " + System.getProperty("java.version")));
        } catch (IOException e) {
            err.println("camel-parallel worker: cannot write hello to the parent: " + e);
            return EXIT_IO_ERROR;
        }
        return switch (loop.run()) {
            case SHUTDOWN, END_OF_INPUT -> EXIT_OK;
            case PROTOCOL_ERROR -> EXIT_PROTOCOL_ERROR;
            case IO_ERROR -> EXIT_IO_ERROR;
            case FATAL_ERROR -> EXIT_FATAL_ERROR;
        };
    }

    /**
     * Loads the class without initializing it and finds its public no-arg constructor, after checking that it is a
     * concrete class of the expected type (so no code of a class of the wrong kind ever runs).
     */
    private static Constructor<?> noArgConstructor(String className, Class<?> expected, String role)
            throws SetupException {
        Class<?> type;
        try {
            type = Class.forName(className, false, WorkerMain.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new SetupException(role + " class " + className + " not found on the worker's classpath", null);
        } catch (LinkageError e) {
            throw new SetupException(role + " class " + className + " cannot be loaded: " + e, e);
        }
        if (!expected.isAssignableFrom(type)) {
            throw new SetupException(role + " class " + className + " does not implement " + expected.getName(), null);
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new SetupException(role + " class " + className + " is abstract; a concrete class is needed", null);
        }
        if (!Modifier.isPublic(type.getModifiers())) {
            throw new SetupException(role + " class " + className + " is not public", null);
        }
        if (type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers())) {
            throw new SetupException(role + " class " + className
                    + " is an inner (non-static) class; it has no no-arg constructor", null);
        }
        try {
            return type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new SetupException(role + " class " + className + " has no public no-arg constructor", null);
        }
    }

    private static Object instantiate(Constructor<?> constructor, String role) throws SetupException {
        String className = constructor.getDeclaringClass().getName();
        try {
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw new SetupException(role + " class " + className + " failed in its constructor: " + e.getCause(),
                    e.getCause());
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            throw new SetupException(role + " class " + className + " cannot be instantiated: " + e, e);
        }
    }

    /** Exits with the code; if shutdown hooks hang, halts after {@link #EXIT_WATCHDOG_MILLIS}. */
    private static void exit(int code) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(EXIT_WATCHDOG_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(code);
        }, "camel-parallel-worker-exit");
        watchdog.setDaemon(true);
        watchdog.start();
        System.exit(code);
    }

    /** A set-up problem; the message names the class and the problem. */
    private static final class SetupException extends Exception {
        private static final long serialVersionUID = 1L;

        SetupException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The parsed command line. Immutable. */
    private record Arguments(String task, String initializer, int maxMessageSize, boolean training) {

        static final String USAGE = "usage: WorkerMain --task <class implementing java.util.function.Function>"
                + " [--initializer <class implementing Runnable>] [--max-message-size <bytes, default "
                + DEFAULT_MAX_MESSAGE_SIZE + ">] [" + TRAINING_FLAG + "]";

        static Arguments parse(String[] args) {
            String task = null;
            String initializer = null;
            int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
            boolean training = false;
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (name.equals(TRAINING_FLAG)) {
                    training = true;
                    continue;
                }
                String value;
                int equals = name.indexOf('=');
                if (name.startsWith("--") && equals > 0) {
                    value = name.substring(equals + 1);
                    name = name.substring(0, equals);
                } else {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("argument " + name + " needs a value");
                    }
                    value = args[++i];
                }
                switch (name) {
                    case "--task" -> task = value;
                    case "--initializer" -> initializer = value;
                    case "--max-message-size" -> maxMessageSize = parseSize(value);
                    default -> throw new IllegalArgumentException("unknown argument " + name);
                }
            }
            if (task == null || task.isBlank()) {
                throw new IllegalArgumentException("--task <class> is required");
            }
            return new Arguments(task, initializer == null || initializer.isBlank() ? null : initializer,
                    maxMessageSize, training);
        }

        private static int parseSize(String value) {
            long size;
            try {
                size = Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--max-message-size is not a number of bytes: " + value);
            }
            if (size < 1 || size > LineReader.MAX_LINE_BYTES) {
                throw new IllegalArgumentException("--max-message-size must be between 1 and "
                        + LineReader.MAX_LINE_BYTES + " bytes: " + value);
            }
            return (int) size;
        }
    }
}
