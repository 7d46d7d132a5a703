package dev.jit.dispatch.config;

import java.util.List;

/** A dispatch.toml that cannot be used; each problem is one line naming the file, line and key. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
