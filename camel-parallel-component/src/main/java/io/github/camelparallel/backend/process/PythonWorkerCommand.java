package io.github.camelparallel.backend.process;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.camelparallel.backend.OwnFolders;

/**
 * The command line of a {@code python=module:function} worker: {@code <pythonExecutable> -m camel_parallel_worker
 * module:function [--initializer module:function] --max-message-size N}, with {@code PYTHONPATH} set to the folder of
 * the shipped worker module, then the {@code pythonPath} folders, then the {@code PYTHONPATH} the worker would have
 * had. The worker module is a resource of this jar, copied once per module version into a folder private to the user
 * (0700, checked like the class data sharing folder: whoever can write it can run code in every worker), written to
 * a temporary file and moved into place, so concurrent pools and JVMs never see half a file. Stateless.
 */
public final class PythonWorkerCommand {

    /** The worker module's name, as Python imports it. */
    public static final String MODULE = "camel_parallel_worker";
    private static final String RESOURCE = "/io/github/camelparallel/python/" + MODULE + ".py";

    private PythonWorkerCommand() {
    }

    /**
     * The worker command.
     *
     * @param function    module:function
     * @param initializer module:function or null
     * @param env         the workerEnv entries (a PYTHONPATH there comes after pythonPath)
     * @param cacheFolder where the worker module is unpacked (a sub-folder per module version)
     * @throws IllegalArgumentException naming the option when a name is not module:function, or the worker module
     *                                  cannot be unpacked
     */
    public static WorkerCommand of(String executable, String function, String initializer, String pythonPath,
            int maxMessageSize, Map<String, String> env, Path cacheFolder) {
        checkName("python", function);
        if (initializer != null) {
            checkName("initializer", initializer);
        }
        List<String> argv = new ArrayList<>(List.of(executable == null || executable.isBlank() ? "python3" : executable,
                "-m", MODULE, function));
        if (initializer != null) {
            argv.addAll(List.of("--initializer", initializer));
        }
        argv.addAll(List.of("--max-message-size", Integer.toString(maxMessageSize)));
        Map<String, String> withPath = new LinkedHashMap<>(env);
        withPath.put("PYTHONPATH", searchPath(moduleFolder(cacheFolder), pythonPath,
                env.containsKey("PYTHONPATH") ? env.get("PYTHONPATH") : System.getenv("PYTHONPATH")));
        return new WorkerCommand(argv, withPath);
    }

    /** True when an {@code initializer} is written as a Python function (module:function), not a JVM class. */
    public static boolean isPythonName(String initializer) {
        return initializer != null && initializer.indexOf(':') > 0 && !initializer.startsWith("#");
    }

    /** The worker's PYTHONPATH: the worker module's folder, the pythonPath folders, then the inherited path. */
    static String searchPath(Path moduleFolder, String pythonPath, String inherited) {
        List<String> parts = new ArrayList<>();
        parts.add(moduleFolder.toString());
        for (String list : Arrays.asList(pythonPath, inherited)) {
            if (list != null && !list.isBlank()) {
                parts.add(list);
            }
        }
        return String.join(File.pathSeparator, parts);
    }

    /** The folder holding this jar's worker module, unpacked if missing or different. */
    static Path moduleFolder(Path cacheFolder) {
        byte[] module = moduleBytes();
        try {
            String version = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(module)).substring(0, 16);
            OwnFolders.ensure(cacheFolder, OwnFolders.Strictness.PRIVATE);
            Path folder = OwnFolders.ensure(cacheFolder.resolve(version), OwnFolders.Strictness.PRIVATE);
            Path file = folder.resolve(MODULE + ".py");
            if (!Files.isRegularFile(file) || !Arrays.equals(Files.readAllBytes(file), module)) {
                Path temp = Files.createTempFile(folder, MODULE, ".tmp");
                try {
                    Files.write(temp, module);
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    Files.deleteIfExists(temp);
                }
            }
            return folder;
        } catch (IOException e) {
            throw new IllegalArgumentException("Option python: cannot unpack the worker module " + MODULE + ".py into "
                    + cacheFolder + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] moduleBytes() {
        try (InputStream in = PythonWorkerCommand.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + RESOURCE + " is missing from camel-parallel's jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void checkName(String option, String name) {
        int colon = name.indexOf(':');
        if (colon <= 0 || colon == name.length() - 1 || name.indexOf(':', colon + 1) >= 0 || name.contains(" ")) {
            throw new IllegalArgumentException("Option " + option + " must name a Python function as"
                    + " module:function (e.g. thumbs:thumbnail or mypkg.jobs:score), but was '" + name + "'");
        }
    }
}
