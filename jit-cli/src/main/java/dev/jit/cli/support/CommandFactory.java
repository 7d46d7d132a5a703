package dev.jit.cli.support;

import picocli.CommandLine;

/** Creates the objects picocli needs and hands every jit command the environment it runs in. */
public final class CommandFactory implements CommandLine.IFactory {
    private final CliEnv env;

    public CommandFactory(CliEnv env) {
        this.env = env;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        K object = CommandLine.defaultFactory().create(type);
        if (object instanceof JitSubcommand command) {
            command.bind(env);
        }
        return object;
    }
}
