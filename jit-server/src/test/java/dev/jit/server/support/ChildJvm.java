package dev.jit.server.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts a main class of this module (or its tests) in a new JVM with the same class path. */
public final class ChildJvm {
    private ChildJvm() {
    }

    public static ProcessBuilder builder(Class<?> main, Map<String, String> env, Path workDir, String... args) {
        return builder(main, null, env, workDir, args);
    }

    /** @param extraClassPath a directory put before the class path (e.g. a packaged web UI), or null */
    public static ProcessBuilder builder(Class<?> main, Path extraClassPath, Map<String, String> env, Path workDir,
                                         String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        String cp = System.getProperty("java.class.path");
        cmd.add(extraClassPath == null ? cp : extraClassPath + java.io.File.pathSeparator + cp);
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("JIT_") || k.equals("RUST_LOG"));
        pb.environment().putAll(env);
        return pb;
    }

    /** Runs to completion (at most 60 s) and returns exit code and combined output. */
    public static Result run(Class<?> main, Map<String, String> env, Path workDir, String... args)
            throws IOException, InterruptedException {
        Process p = builder(main, env, workDir, args).redirectErrorStream(true).start();
        if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child JVM did not finish: " + main.getName());
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes()));
    }

    public record Result(int exitCode, String output) {
    }
}
