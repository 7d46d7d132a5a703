package dev.jit.core;

import dev.jit.core.internal.backup.Ustar;

import dev.jit.core.internal.CurrentProcess;
import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import dev.jit.core.internal.io.AtomicFiles;
import dev.jit.core.internal.store.Store;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A consistent {@code .tar.gz} of a store ({@code jit backup}): every regular file and directory of the store,
 * read under the store's shared lock, so writers wait and no commit is half in the archive. Derived and runtime
 * data is left out (the top-level {@code cache/}, {@code tmp/} and {@code .journal.json}, and every
 * {@code *.lock}): a restored store rebuilds it. Symbolic links are never followed: one found in the store is
 * reported and skipped, like any special file, so nothing outside the store is ever read. An archive written
 * to a file goes to a temp file beside it, is read back and compared entry by entry (name, type, size,
 * CRC-32), and only then renamed into place: a failed backup leaves no file, or the previous one, behind.
 */
public final class Backups {
    /** A store entry that was not archived, and why. */
    public record Skipped(String path, String reason) {
    }

    /** What a backup wrote: counts, the store bytes archived, the archive's size (-1 on a stream). */
    public record Result(String file, int files, int directories, long storeBytes, long archiveBytes,
                         List<Skipped> skipped) {
        public int entries() {
            return files + directories;
        }
    }

    private final Store store;

    Backups(Store store) {
        this.store = store;
    }

    /** Writes the archive to {@code target} atomically and verifies it before it appears there. */
    public Result writeFile(Path target) {
        Path file = target.toAbsolutePath().normalize();
        Path dir = file.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new JitException(ErrorCode.NOT_FOUND, "Backup failed, no archive written: directory " + dir
                    + " does not exist", Map.of("file", file.toString()), List.of("Create the directory first"));
        }
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            throw JitException.invalidArgument("Backup failed, no archive written: " + file + " is a directory",
                    "Name the archive file, e.g. " + file.resolve("jit-backup.tar.gz"));
        }
        requireOutsideStore(dir);
        Path temp = dir.resolve("." + file.getFileName() + ".partial-" + CurrentProcess.pid());
        try {
            Walk walk;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.CREATE_NEW)) {
                walk = writeArchive(Channels.newOutputStream(channel));
                channel.force(true);
            }
            verify(temp, walk.entries());
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            AtomicFiles.syncDirectory(dir);
            return walk.result(file.toString(), Files.size(file));
        } catch (IOException | UncheckedIOException e) {
            throw failed(file.toString(), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** Streams the archive to {@code out} (stdout): not atomic and not read back; a failure is still reported. */
    public Result writeTo(OutputStream out) {
        try {
            return writeArchive(out).result("-", -1);
        } catch (IOException | UncheckedIOException e) {
            throw failed("-", e);
        }
    }

    private Walk writeArchive(OutputStream raw) throws IOException {
        GZIPOutputStream gzip = new GZIPOutputStream(new BufferedOutputStream(raw, 64 * 1024), 64 * 1024);
        Path root = store.paths().dataDir().toRealPath();
        Walk walk = store.read(view -> {
            Walk w = new Walk(gzip);
            try {
                w.directory(root, "");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return w;
        });
        Ustar.finish(gzip);
        gzip.finish();
        gzip.flush();
        return walk;
    }

    /** The entries written so far, the skipped ones, and the stream they go to. */
    private static final class Walk {
        private final OutputStream out;
        private final List<Ustar.Entry> entries = new ArrayList<>();
        private final List<Skipped> skipped = new ArrayList<>();
        private final byte[] buffer = new byte[64 * 1024];
        private int files;
        private int directories;
        private long bytes;

        Walk(OutputStream out) {
            this.out = out;
        }

        List<Ustar.Entry> entries() {
            return entries;
        }

        Result result(String file, long archiveBytes) {
            return new Result(file, files, directories, bytes, archiveBytes, List.copyOf(skipped));
        }

        /** Archives the children of {@code dir} (store-relative name {@code prefix}), in name order. */
        void directory(Path dir, String prefix) throws IOException {
            List<Path> children = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
                for (Path child : stream) {
                    children.add(child);
                }
            }
            children.sort(null);
            for (Path child : children) {
                String fileName = child.getFileName().toString();
                String name = prefix + fileName;
                if (isRuntimeData(prefix, fileName)) {
                    continue;
                }
                Map<String, Object> attrs = Files.readAttributes(child, "unix:*", LinkOption.NOFOLLOW_LINKS);
                if (Boolean.TRUE.equals(attrs.get("isSymbolicLink"))) {
                    skipped.add(new Skipped(name, "symbolic link (not followed)"));
                } else if (Boolean.TRUE.equals(attrs.get("isDirectory"))) {
                    entries.add(new Ustar.Entry(name + "/", true, 0, 0));
                    out.write(Ustar.header(name + "/", true, 0, meta(attrs)));
                    directories++;
                    directory(child, name + "/");
                } else if (Boolean.TRUE.equals(attrs.get("isRegularFile"))) {
                    file(child, name, attrs);
                } else {
                    skipped.add(new Skipped(name, "not a regular file or directory"));
                }
            }
        }

        private void file(Path path, String name, Map<String, Object> attrs) throws IOException {
            // O_NOFOLLOW: a file swapped for a link since it was looked at is refused, not followed.
            try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                long size = in.size();
                out.write(Ustar.header(name, false, size, meta(attrs)));
                CRC32 crc = new CRC32();
                long left = size;
                ByteBuffer chunk = ByteBuffer.wrap(buffer);
                while (left > 0) {
                    chunk.clear().limit((int) Math.min(buffer.length, left));
                    int n = in.read(chunk);
                    if (n < 0) {
                        throw new IOException(name + " shrank while it was archived");
                    }
                    out.write(buffer, 0, n);
                    crc.update(buffer, 0, n);
                    left -= n;
                }
                Ustar.pad(out, size);
                entries.add(new Ustar.Entry(name, false, size, crc.getValue()));
                files++;
                bytes += size;
            }
        }
    }

    /** Derived or in-flight data a restore rebuilds: never archived. */
    private static boolean isRuntimeData(String prefix, String fileName) {
        if (fileName.endsWith(".lock")) {
            return true;
        }
        return prefix.isEmpty() && (fileName.equals("cache") || fileName.equals("tmp")
                || fileName.equals(".journal.json"));
    }

    private static Ustar.Meta meta(Map<String, Object> attrs) {
        int mode = attrs.get("mode") instanceof Integer m ? m : 0644;
        int uid = attrs.get("uid") instanceof Integer u ? u : 0;
        int gid = attrs.get("gid") instanceof Integer g ? g : 0;
        String user = attrs.get("owner") instanceof UserPrincipal p ? p.getName() : "";
        String group = attrs.get("group") instanceof GroupPrincipal g ? g.getName() : "";
        long mtime = attrs.get("lastModifiedTime") instanceof FileTime t ? t.toMillis() / 1000 : 0;
        // A name that is only digits is an unknown id: tar would take it for a name, so leave it out.
        return new Ustar.Meta(mode, uid, gid, isDigits(user) ? "" : user, isDigits(group) ? "" : group, mtime);
    }

    private static boolean isDigits(String s) {
        for (int k = 0; k < s.length(); k++) {
            if (s.charAt(k) < '0' || s.charAt(k) > '9') {
                return false;
            }
        }
        return !s.isEmpty();
    }

    /** Reads {@code archive} back and checks it holds exactly {@code expected}. */
    private static void verify(Path archive, List<Ustar.Entry> expected) throws IOException {
        List<Ustar.Entry> actual;
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive), 64 * 1024))) {
            actual = Ustar.read(in);
        } catch (IOException e) {
            throw new IOException("the archive does not read back: " + e.getMessage(), e);
        }
        for (int k = 0; k < Math.max(expected.size(), actual.size()); k++) {
            Ustar.Entry want = k < expected.size() ? expected.get(k) : null;
            Ustar.Entry got = k < actual.size() ? actual.get(k) : null;
            if (want == null || !want.equals(got)) {
                throw new IOException("the archive does not read back as written: entry " + (k + 1) + " is "
                        + (got == null ? "missing" : got.name() + " (" + got.size() + " bytes)") + ", expected "
                        + (want == null ? "the end" : want.name() + " (" + want.size() + " bytes)"));
            }
        }
    }

    private void requireOutsideStore(Path dir) {
        try {
            Path storeDir = store.paths().dataDir().toRealPath();
            if (dir.toRealPath().startsWith(storeDir)) {
                throw JitException.invalidArgument("Backup failed, no archive written: the archive would be inside "
                        + "the store (" + storeDir + ")", "Write it elsewhere, e.g. /var/backups/jit/");
            }
        } catch (IOException e) {
            throw failed(dir.toString(), e);
        }
    }

    private static JitException failed(String file, Exception e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        return new JitException(ErrorCode.IO_ERROR, "Backup failed, no archive written: " + describe(cause),
                Map.of("file", file), List.of("Check free space and permissions of the target directory, then "
                        + "run jit backup again"));
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason() + ": " + f.getFile();
        }
        return message == null ? e.toString() : message;
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // nothing more to do: the error that brought us here is the one to report
        }
    }
}
