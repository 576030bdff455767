package io.github.camelparallel.backend.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command line of one worker process: an external {@code command} (any language), or a JVM running
 * {@code io.github.camelparallel.worker.WorkerMain} with the task class. Arguments are split like a shell would split
 * words (single and double quotes honoured, backslash escapes in double quotes) but never run through a shell.
 * Immutable and thread-safe.
 *
 * @param argv the program and its arguments
 * @param env  entries added to the parent's environment (the worker sees the parent's environment plus these)
 */
public record WorkerCommand(List<String> argv, Map<String, String> env) {

    public WorkerCommand {
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("Option command: empty worker command");
        }
    }

    /** An external worker from the {@code command} option. */
    public static WorkerCommand external(String command, Map<String, String> env) {
        return new WorkerCommand(split(command), env);
    }

    /**
     * A JVM worker started the way {@code launch} says (a plain classpath, or the launcher of the application's
     * packaging), with {@code WorkerMain}'s arguments after the main class.
     */
    public static WorkerCommand jvm(String javaHome, String jvmOptions, WorkerLaunch launch, String taskClass,
            String initializerClass, int maxMessageSize, Map<String, String> env) {
        List<String> argv = new ArrayList<>();
        argv.add(javaBinary(javaHome));
        // the JVM's own warnings (class data sharing, deprecated flags) go to stdout by default: stdout carries the
        // protocol only, so they go to stderr, which the pool logs
        argv.add("-Xlog:disable");
        argv.add("-Xlog:all=warning:stderr");
        if (jvmOptions != null && !jvmOptions.isBlank()) {
            argv.addAll(split(jvmOptions));
        }
        argv.addAll(launch.jvmArguments());
        argv.add("-cp");
        argv.add(launch.classpath());
        argv.add(launch.mainClass());
        argv.add("--task");
        argv.add(taskClass);
        if (initializerClass != null) {
            argv.add("--initializer");
            argv.add(initializerClass);
        }
        argv.add("--max-message-size");
        argv.add(Integer.toString(maxMessageSize));
        return new WorkerCommand(argv, env);
    }

    /** The same command with {@code options} placed right after the program (JVM options of a JVM worker). */
    public WorkerCommand withOptionsAfterProgram(List<String> options) {
        if (options.isEmpty()) {
            return this;
        }
        List<String> longer = new ArrayList<>(argv.size() + options.size());
        longer.add(argv.get(0));
        longer.addAll(options);
        longer.addAll(argv.subList(1, argv.size()));
        return new WorkerCommand(longer, env);
    }

    /** The value of {@code -cp} of a JVM worker, or null for another command. */
    public String classpath() {
        int cp = argv.indexOf("-cp");
        return cp >= 0 && cp + 1 < argv.size() ? argv.get(cp + 1) : null;
    }

    /** The program, for messages. */
    public String program() {
        return argv.get(0);
    }

    /** The command line for messages and logs: a long argument (a classpath) is shortened. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (String arg : argv) {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(arg.length() > 120 ? arg.substring(0, 60) + "...(" + arg.length() + " chars)" : arg);
        }
        return text.toString();
    }

    private static String javaBinary(String javaHome) {
        if (javaHome != null && !javaHome.isBlank()) {
            Path java = Path.of(javaHome, "bin", "java");
            if (!Files.isExecutable(java)) {
                throw new IllegalArgumentException("Option javaHome: no executable " + java);
            }
            return java.toString();
        }
        return ProcessHandle.current().info().command()
                .orElse(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    }

    /** Splits a command line into words: whitespace separates, quotes group, never a shell. */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < line.length()
                        && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("Option command: unbalanced " + quote + " quote in: " + line);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
