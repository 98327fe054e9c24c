package io.chatrelay.store;

import io.chatrelay.config.StoreKind;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file behind a {@code jdbc:sqlite:} URL. It holds visitors' names, emails and phone numbers,
 * so it is created readable by its owner only (SQLite gives its {@code -wal} and {@code -shm} the
 * same mode), in a directory created for its owner only. Its identity (device and inode) is kept,
 * so that a file deleted or replaced under the running relay is noticed.
 */
final class StoreFile {

    private static final Logger LOG = LoggerFactory.getLogger(StoreFile.class);
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Path path;
    private Object identity;

    private StoreFile(Path path) {
        this.path = path;
    }

    /** The file a SQLite URL names; empty for an in-memory database, a {@code file:} URI or another database. */
    static Optional<StoreFile> of(String url) {
        if (StoreKind.of(url).orElse(null) != StoreKind.SQLITE) {
            return Optional.empty();
        }
        String path = url.substring(StoreKind.SQLITE.prefix().length());
        int query = path.indexOf('?');
        path = query >= 0 ? path.substring(0, query) : path;
        if (path.isEmpty() || path.equals(":memory:") || path.startsWith("file:")) {
            return Optional.empty();
        }
        return Optional.of(new StoreFile(Path.of(path).toAbsolutePath()));
    }

    Path path() {
        return path;
    }

    /** What the driver's "unable to open the database file" means here: which file or directory, and why. */
    Optional<String> whyNotOpened() {
        Path directory = path.getParent();
        if (Files.isDirectory(path)) {
            return Optional.of(path + ": is a directory, not a database file");
        }
        if (Files.exists(path) && (!Files.isReadable(path) || !Files.isWritable(path))) {
            return Optional.of(path + ": permission denied (the relay must be able to read and write it)");
        }
        if (directory != null && !Files.isWritable(directory)) {
            return Optional.of(directory + ": permission denied (the relay must be able to create files in the "
                    + "store's directory)");
        }
        return Optional.empty();
    }

    /** A failure to prepare the file or its directory, said plainly: which path and why. */
    static String describe(IOException e) {
        if (e instanceof java.nio.file.FileSystemException f) {
            String reason = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e instanceof FileAlreadyExistsException ? "exists and is not a directory"
                    : f.getReason() != null ? f.getReason() : e.getClass().getSimpleName();
            return f.getFile() + ": " + reason;
        }
        return e.getMessage();
    }

    /**
     * Creates the directory (owner only) and an empty file (owner only) if they are missing. An
     * existing file, {@code -wal} or {@code -shm} that others may read is made owner-only, with a warning.
     */
    void prepare() throws IOException {
        Path parent = path.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent, attributes(OWNER_ONLY_DIRECTORY));
        }
        try {
            Files.createFile(path, attributes(OWNER_ONLY));
            return;
        } catch (FileAlreadyExistsException existing) {
            // an existing store: tightened below
        }
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            tighten(Path.of(path + suffix));
        }
    }

    private static FileAttribute<?>[] attributes(Set<PosixFilePermission> permissions) {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)} : new FileAttribute<?>[0];
    }

    private static void tighten(Path file) {
        if (!POSIX || !Files.exists(file)) {
            return;
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream().noneMatch(OTHERS::contains)) {
                return;
            }
            Set<PosixFilePermission> tightened = EnumSet.copyOf(permissions);
            tightened.removeAll(OTHERS);
            Files.setPosixFilePermissions(file, tightened);
            LOG.warn("store file {} was {}, readable by others; made it {} (it holds visitors' contact details)",
                    file, PosixFilePermissions.toString(permissions), PosixFilePermissions.toString(tightened));
        } catch (IOException | SecurityException e) {
            LOG.warn("store file {} is readable by others and could not be made owner-only ({}): chmod 600 it",
                    file, e.getMessage());
        }
    }

    /** Remembers the identity of the file the store has just opened. */
    void remember() throws IOException {
        identity = identity();
    }

    /** False once the path names no file, or another file than the one opened (deleted, replaced). */
    boolean stillTheOpenedFile() {
        try {
            return identity == null || Objects.equals(identity, identity());
        } catch (NoSuchFileException gone) {
            return false;
        } catch (IOException unknown) {
            return true; // cannot tell: the writes themselves will say whether the file works
        }
    }

    private Object identity() throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    }
}
