package dev.jit.core.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import dev.jit.core.internal.io.AtomicFiles;
import dev.jit.core.model.Lease;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The store's settings in {@code .jit/config.toml}, the file the reference tool keeps there too (its other
 * sections are its own and left alone). JIT reads one key:
 * <pre>
 * [coordination]
 * default_ttl_secs = 900   # the lease of a claim that names no TTL (0 or absent: no lease)
 * </pre>
 */
public final class StoreConfig {
    /** More is no settings file but something else put there. */
    private static final int MAX_BYTES = 1 << 20;

    private StoreConfig() {
    }

    /** The default lease of an agent's claim, or null when the store sets none. */
    public static Duration defaultLeaseTtl(StorePaths paths) {
        Path file = paths.config();
        JsonNode root = read(file);
        JsonNode value = root == null ? null : root.path("coordination").get("default_ttl_secs");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0
                || value.asLong() > Lease.MAX_TTL_SECONDS) {
            throw bad(file, "[coordination] default_ttl_secs must be a whole number of seconds from 0 to "
                    + Lease.MAX_TTL_SECONDS + ", not " + value);
        }
        return value.asLong() == 0 ? null : Duration.ofSeconds(value.asLong());
    }

    private static JsonNode read(Path file) {
        byte[] bytes;
        try {
            bytes = AtomicFiles.readRegular(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (AtomicFiles.NotARegularFileException e) {
            throw bad(file, e.kind().description() + ", not a regular file");
        } catch (IOException e) {
            throw bad(file, String.valueOf(e.getMessage()));
        }
        if (bytes.length > MAX_BYTES) {
            throw bad(file, "larger than " + MAX_BYTES + " bytes");
        }
        try {
            return new TomlMapper().readTree(bytes);
        } catch (IOException e) {
            throw bad(file, String.valueOf(e.getMessage()).lines().findFirst().orElse("not TOML"));
        }
    }

    private static JitException bad(Path file, String reason) {
        return new JitException(ErrorCode.CORRUPT_DATA, "Cannot read " + file + ": " + reason,
                Map.of("file", file.toString()), List.of("Fix or remove " + file.getFileName()
                + ", or pass --ttl to the claim"));
    }
}
