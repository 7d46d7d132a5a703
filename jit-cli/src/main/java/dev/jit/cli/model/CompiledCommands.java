package dev.jit.cli.model;

import dev.jit.cli.support.CliEnv;
import picocli.CommandLine.Model.CommandSpec;

/**
 * picocli's model of every jit command, built by code that {@link SpecGenerator} generates from the annotations
 * at build time ({@value SpecGenerator#SPEC}), so a run reads no annotation. That class is compiled after the
 * classes that use it (the generator needs them compiled first), so they find it by name.
 */
public interface CompiledCommands {
    /**
     * The root command and below it every command, or, given {@code named}, only the commands whose name or
     * alias is one of those words (the only ones picocli can descend into for a command line of those words).
     */
    CommandSpec root(CliEnv env, String[] named);

    /** The generated model. */
    static CompiledCommands load() {
        try {
            return (CompiledCommands) Class.forName(SpecGenerator.SPEC).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this build has no generated command model " + SpecGenerator.SPEC, e);
        }
    }
}
