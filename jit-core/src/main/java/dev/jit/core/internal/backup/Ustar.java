package dev.jit.core.internal.backup;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The POSIX ustar subset a store archive needs: regular files and directories, names up to 255 bytes (split
 * into prefix and name), sizes below 8 GiB, owner and mode kept so a restore as root gives the files back to
 * their owner. Small enough to check by eye (GNU tar extracts what it writes: {@code BackupIT}), and it keeps
 * a compression library and its three dependencies out of the CLI.
 */
public final class Ustar {
    public static final int BLOCK = 512;
    private static final long MAX_SIZE = 077777777777L; // 11 octal digits

    /** One archive entry as written, with the CRC-32 of its content for verification. */
    public record Entry(String name, boolean directory, long size, long crc) {
    }

    /** What an entry's header records besides name and size. */
    public record Meta(int mode, int uid, int gid, String user, String group, long mtimeSeconds) {
    }

    private Ustar() {
    }

    public static byte[] header(String name, boolean directory, long size, Meta meta) throws IOException {
        byte[] h = new byte[BLOCK];
        byte[] full = name.getBytes(StandardCharsets.UTF_8);
        int split = split(full);
        if (split < 0) {
            throw new IOException("path too long for a tar archive (255 bytes at most): " + name);
        }
        if (size > MAX_SIZE) {
            throw new IOException("file too large for a tar archive (8 GiB at most): " + name);
        }
        System.arraycopy(full, split == 0 ? 0 : split + 1, h, 0, full.length - (split == 0 ? 0 : split + 1));
        if (split > 0) {
            System.arraycopy(full, 0, h, 345, split);
        }
        octal(h, 100, 8, meta.mode() & 07777);
        octal(h, 108, 8, Math.max(0, meta.uid()) & 07777777);
        octal(h, 116, 8, Math.max(0, meta.gid()) & 07777777);
        octal(h, 124, 12, size);
        octal(h, 136, 12, Math.max(0, meta.mtimeSeconds()));
        h[156] = (byte) (directory ? '5' : '0');
        ascii(h, 257, "ustar\0");
        ascii(h, 263, "00");
        text(h, 265, 32, meta.user());
        text(h, 297, 32, meta.group());
        for (int k = 148; k < 156; k++) {
            h[k] = ' ';
        }
        octal(h, 148, 7, checksum(h)); // six digits and NUL, the trailing space stays
        return h;
    }

    /** Writes zeros up to the next block boundary after {@code size} content bytes. */
    public static void pad(OutputStream out, long size) throws IOException {
        int rest = (int) (size % BLOCK);
        if (rest != 0) {
            out.write(new byte[BLOCK - rest]);
        }
    }

    /** The end of an archive: two zero blocks. */
    public static void finish(OutputStream out) throws IOException {
        out.write(new byte[2 * BLOCK]);
    }

    /**
     * Reads a whole archive back: every entry's name, type, size and content CRC, checking each header's
     * magic and checksum and that the archive ends properly. Used to verify an archive after writing it.
     */
    public static List<Entry> read(InputStream in) throws IOException {
        List<Entry> entries = new ArrayList<>();
        byte[] h = new byte[BLOCK];
        byte[] buffer = new byte[64 * 1024];
        while (true) {
            readFully(in, h, BLOCK);
            if (isZero(h)) {
                readFully(in, h, BLOCK);
                if (!isZero(h)) {
                    throw new IOException("archive has data after its end marker");
                }
                if (in.read() >= 0) {
                    throw new IOException("archive has data after its end marker");
                }
                return entries;
            }
            if (!new String(h, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
                throw new IOException("entry " + (entries.size() + 1) + " has no ustar header");
            }
            long stored = parseOctal(h, 148, 8);
            for (int k = 148; k < 156; k++) {
                h[k] = ' ';
            }
            if (stored != checksum(h)) {
                throw new IOException("entry " + (entries.size() + 1) + " has a bad header checksum");
            }
            String name = cString(h, 0, 100);
            String prefix = cString(h, 345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
            long size = parseOctal(h, 124, 12);
            boolean directory = h[156] == '5';
            CRC32 crc = new CRC32();
            long left = size;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException("archive ends inside " + name);
                }
                crc.update(buffer, 0, n);
                left -= n;
            }
            int rest = (int) (size % BLOCK);
            if (rest != 0) {
                readFully(in, h, BLOCK - rest);
            }
            entries.add(new Entry(name, directory, size, crc.getValue()));
        }
    }

    /** Where to split a long name into prefix and name (0: no split needed), or -1 if it cannot be. */
    private static int split(byte[] name) {
        if (name.length <= 100) {
            return 0;
        }
        for (int k = name.length - 1; k > 0; k--) {
            if (name[k] == '/' && k <= 155 && name.length - k - 1 <= 100 && name.length - k - 1 > 0) {
                return k;
            }
        }
        return -1;
    }

    private static long checksum(byte[] h) {
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xFF;
        }
        return sum;
    }

    /** {@code value} as zero-padded octal digits filling {@code length - 1} bytes, then NUL. */
    private static void octal(byte[] h, int offset, int length, long value) {
        String digits = Long.toOctalString(value);
        int pad = length - 1 - digits.length();
        for (int k = 0; k < pad; k++) {
            h[offset + k] = '0';
        }
        ascii(h, offset + pad, digits);
        h[offset + length - 1] = 0;
    }

    private static void ascii(byte[] h, int offset, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, offset, b.length);
    }

    /** A user or group name: dropped (left empty) when it does not fit, tar then goes by the number. */
    private static void text(byte[] h, int offset, int length, String s) {
        byte[] b = s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
        if (b.length < length) {
            System.arraycopy(b, 0, h, offset, b.length);
        }
    }

    private static long parseOctal(byte[] h, int offset, int length) throws IOException {
        long value = 0;
        int k = offset;
        while (k < offset + length && h[k] == ' ') {
            k++;
        }
        for (; k < offset + length && h[k] >= '0' && h[k] <= '7'; k++) {
            value = value * 8 + (h[k] - '0');
        }
        if (k < offset + length && h[k] != 0 && h[k] != ' ') {
            throw new IOException("bad number in a tar header");
        }
        return value;
    }

    private static String cString(byte[] h, int offset, int length) {
        int end = offset;
        while (end < offset + length && h[end] != 0) {
            end++;
        }
        return new String(h, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] h) {
        for (byte b : h) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static void readFully(InputStream in, byte[] b, int length) throws IOException {
        int off = 0;
        while (off < length) {
            int n = in.read(b, off, length - off);
            if (n < 0) {
                throw new EOFException("archive ends early (no end marker): it is incomplete");
            }
            off += n;
        }
    }
}
