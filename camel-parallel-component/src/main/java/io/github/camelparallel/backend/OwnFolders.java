package io.github.camelparallel.backend;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Folders whose contents this JVM trusts (the worker class archive, the result cache): created owner-only (0700), and
 * when they exist already, checked to belong to this user and to be writable by nobody else, because whoever can write
 * them can plant a class archive or a cache entry (a checksum detects a torn write, not a forger). On a file system
 * without POSIX permissions the folder is only created. Stateless.
 */
public final class OwnFolders {

    private OwnFolders() {
    }

    /** How much an existing folder must keep to its owner. */
    public enum Strictness {
        /** No access at all for group and others (rwx------). */
        PRIVATE,
        /** Nobody but the owner may write (group and others may read and list). */
        OWNER_WRITES
    }

    /**
     * Creates the folder (and its parents) owner-only if missing, then checks it.
     *
     * @throws IOException naming the folder, its owner and its permissions when another user owns it or the
     *                     permissions let others in further than {@code strictness} allows
     */
    public static Path ensure(Path directory, Strictness strictness) throws IOException {
        if (!directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(directory);
            return directory;
        }
        if (!Files.isDirectory(directory)) {
            if (directory.getParent() != null) {
                Files.createDirectories(directory.getParent(),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            try {
                Files.createDirectory(directory,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException raced) {
                // made meanwhile by another pool or JVM: checked below
            }
        }
        check(directory, strictness);
        return directory;
    }

    /** Checks an existing folder; see {@link #ensure}. */
    public static void check(Path directory, Strictness strictness) throws IOException {
        if (!directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(directory);
        String owner = Files.getOwner(directory).getName();
        boolean othersIn = strictness == Strictness.PRIVATE
                ? !PosixFilePermissions.toString(permissions).endsWith("------")
                : permissions.contains(PosixFilePermission.GROUP_WRITE) || permissions.contains(PosixFilePermission.OTHERS_WRITE);
        if (othersIn || !owner.equals(System.getProperty("user.name"))) {
            throw new IOException(directory + " is not " + (strictness == Strictness.PRIVATE ? "private to" : "writable only by")
                    + " this user (" + System.getProperty("user.name") + "): owner " + owner + ", permissions "
                    + PosixFilePermissions.toString(permissions));
        }
    }
}
