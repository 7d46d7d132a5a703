package dev.jit.core.internal.store;

import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Finds the store directory: {@code JIT_DATA_DIR} (absolute, or relative to the working directory) names
 * it directly; otherwise the nearest {@code .jit/} walking up from the working directory, as git finds
 * {@code .git/}.
 */
public final class StoreLocator {
    public static final String DATA_DIR_ENV = "JIT_DATA_DIR";
    public static final String DIR_NAME = ".jit";

    private StoreLocator() {
    }

    /** The directory {@code jit init} should create: never searches upwards. */
    public static Path forInit(Path workingDir, Map<String, String> env) {
        String configured = env.get(DATA_DIR_ENV);
        if (configured != null && !configured.isBlank()) {
            return workingDir.resolve(configured).toAbsolutePath().normalize();
        }
        return workingDir.resolve(DIR_NAME).toAbsolutePath().normalize();
    }

    /** The existing store for this working directory, or a REPO_NOT_FOUND error saying what to do. */
    public static Path locate(Path workingDir, Map<String, String> env) {
        String configured = env.get(DATA_DIR_ENV);
        if (configured != null && !configured.isBlank()) {
            Path dir = workingDir.resolve(configured).toAbsolutePath().normalize();
            requireInitialized(dir);
            return dir;
        }
        for (Path dir = workingDir.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(DIR_NAME);
            if (Files.isDirectory(candidate)) {
                requireInitialized(candidate);
                return candidate;
            }
        }
        throw new JitException(ErrorCode.REPO_NOT_FOUND,
                "JIT repository not found: no .jit/ directory in " + workingDir.toAbsolutePath().normalize()
                        + " or any parent",
                Map.of("working_dir", workingDir.toAbsolutePath().normalize().toString()),
                List.of("Run 'jit init' to create a store here", "Or set JIT_DATA_DIR to the store directory"));
    }

    static void requireInitialized(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new JitException(ErrorCode.REPO_NOT_FOUND, "JIT repository not found at '" + dir + "'",
                    Map.of("data_dir", dir.toString()),
                    List.of("Run 'jit init' (with the same JIT_DATA_DIR) to create it"));
        }
        // Present is enough here (not followed: a link or a directory there is damage that reads report and
        // 'jit validate --fix' repairs, not a missing store).
        if (!Files.exists(dir.resolve("index.json"), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new JitException(ErrorCode.REPO_NOT_FOUND,
                    "JIT repository at '" + dir + "' is not properly initialized (missing index.json)",
                    Map.of("data_dir", dir.toString()), List.of("Run 'jit init' to initialize it"));
        }
    }
}
