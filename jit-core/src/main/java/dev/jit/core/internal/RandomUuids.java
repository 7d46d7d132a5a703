package dev.jit.core.internal;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;

/**
 * Random (version 4) UUIDs like {@link UUID#randomUUID()}, with the bytes read straight from the kernel's
 * {@code /dev/urandom}: {@code randomUUID()} first sets up java.security's providers and a SecureRandom,
 * about 20 ms of a short-lived CLI command. Falls back to {@code randomUUID()} where there is no
 * {@code /dev/urandom}.
 */
public final class RandomUuids {
    private RandomUuids() {
    }

    public static UUID next() {
        byte[] bytes = new byte[16];
        try (InputStream in = new FileInputStream("/dev/urandom")) {
            if (in.readNBytes(bytes, 0, bytes.length) != bytes.length) {
                return UUID.randomUUID();
            }
        } catch (IOException e) {
            return UUID.randomUUID();
        }
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40); // version 4
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80); // IETF variant
        long high = 0;
        long low = 0;
        for (int k = 0; k < 8; k++) {
            high = (high << 8) | (bytes[k] & 0xff);
            low = (low << 8) | (bytes[k + 8] & 0xff);
        }
        return new UUID(high, low);
    }
}
