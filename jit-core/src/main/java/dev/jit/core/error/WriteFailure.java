package dev.jit.core.error;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Turns an I/O failure of a write into the error the user sees: permission denied and read-only file
 * systems (EACCES, EPERM, EROFS) exit with PERMISSION_DENIED (5) and name the path that is not writable;
 * a full disk (ENOSPC, EDQUOT) and every other failure (EIO) exit with IO_ERROR (10).
 */
public final class WriteFailure {
    private WriteFailure() {
    }

    /**
     * A failure before the commit point: {@code store} is the store directory, used when the exception
     * names no file and to ask the file system whether it is mounted read-only.
     */
    public static JitException nothingChanged(IOException e, Path store) {
        Path path = e instanceof FileSystemException f && f.getFile() != null ? Path.of(f.getFile()) : store;
        String reason = reason(e);
        if (isPermission(e, store)) {
            return new JitException(ErrorCode.PERMISSION_DENIED, "Nothing changed: cannot write " + path + " ("
                    + reason + ")", Map.of("path", path.toString()),
                    List.of("Make " + path + " writable for this user (or mount the store read-write), then retry"), e);
        }
        if (isDiskFull(e)) {
            return new JitException(ErrorCode.IO_ERROR, "Nothing changed: no space left on the disk of " + store,
                    Map.of("path", path.toString()), List.of("Free disk space, then retry"), e);
        }
        return new JitException(ErrorCode.IO_ERROR, "Nothing changed: cannot write " + path + " (" + reason + ")",
                Map.of("path", path.toString()), List.of("Check the disk (dmesg), then retry"), e);
    }

    /** EACCES/EPERM come typed; EROFS only as a message, so the file system is asked as well. */
    public static boolean isPermission(IOException e, Path store) {
        if (e instanceof AccessDeniedException) {
            return true;
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("Read-only file system") || message.contains("Operation not permitted")) {
            return true;
        }
        try {
            return Files.getFileStore(store).isReadOnly();
        } catch (IOException | RuntimeException ignored) {
            return false;
        }
    }

    /** Java reports ENOSPC and EDQUOT as plain IOExceptions carrying the system's message. */
    public static boolean isDiskFull(IOException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("No space left on device") || message.contains("Disk quota exceeded");
    }

    private static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return String.valueOf(e.getMessage());
    }
}
