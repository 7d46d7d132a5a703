package dev.jit.dispatch.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether each agent's program can be run, checked before anything is claimed for it: a mistyped command would
 * otherwise be claimed, exit 127, be released and be claimed again for ever. The program is the command's first
 * word; a word with '/' is a path (relative ones from the directory agents run in), any other is looked up on
 * {@code PATH} as the kernel's exec would. A first word with a placeholder is only known at run time and is not
 * checked.
 */
public final class AgentPrograms {
    private final Path workDir;
    private final String searchPath;

    /** {@code searchPath}: the {@code PATH} agents are started with (null: none). */
    public AgentPrograms(Path workDir, String searchPath) {
        this.workDir = workDir;
        this.searchPath = searchPath == null ? "" : searchPath;
    }

    /** Every agent's program runs, or a ConfigException with one line per agent whose program does not. */
    public void requireRunnable(DispatchConfig config) throws ConfigException {
        List<String> problems = new ArrayList<>();
        for (AgentConfig agent : config.agents()) {
            String problem = problem(agent);
            if (problem != null) {
                problems.add(config.file() + ": agent \"" + agent.id() + "\": " + problem);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    /** Why {@code agent}'s program cannot be run, or null if it can (or cannot be known before a run). */
    public String problem(AgentConfig agent) {
        String program = agent.command().words().get(0);
        if (program.contains("{")) {
            return null;
        }
        if (program.contains("/")) {
            Path file;
            try {
                file = workDir.resolve(program).normalize();
            } catch (InvalidPathException e) {
                return "program \"" + program + "\" is not a valid path";
            }
            if (!Files.isRegularFile(file)) {
                return "program \"" + program + "\" does not exist (as " + file + ")";
            }
            return Files.isExecutable(file) ? null
                    : "program \"" + program + "\" is not executable (chmod +x " + file + ")";
        }
        boolean foundNotExecutable = false;
        for (String dir : searchPath.split(":", -1)) {
            Path file;
            try {
                file = (dir.isEmpty() ? workDir : workDir.resolve(dir)).resolve(program);
            } catch (InvalidPathException e) {
                continue;
            }
            if (Files.isRegularFile(file)) {
                if (Files.isExecutable(file)) {
                    return null;
                }
                foundNotExecutable = true;
            }
        }
        return "program \"" + program + "\" is " + (foundNotExecutable ? "not executable" : "not found") + " on PATH ("
                + searchPath + "): install it, or fix the command (or give its full path)";
    }
}
