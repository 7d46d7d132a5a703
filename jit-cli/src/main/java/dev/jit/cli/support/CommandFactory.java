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
        if (JitSubcommand.class.isAssignableFrom(type)) {
            return type.cast(newCommand(type, env));
        }
        return CommandLine.defaultFactory().create(type);
    }

    /** A new command of class {@code type} (a {@link JitSubcommand}) that runs in {@code env}. */
    public static JitSubcommand newCommand(Class<?> type, CliEnv env) throws ReflectiveOperationException {
        JitSubcommand command = (JitSubcommand) type.getDeclaredConstructor().newInstance();
        command.bind(env);
        return command;
    }
}
