package dev.jit.cli.support;

import picocli.CommandLine.Option;

/** The {@code --json} flag every command shares. */
public final class JsonFlag {
    @Option(names = "--json", description = "Print the result as a JSON envelope {success, data, metadata} "
            + "(errors: {success:false, error:{code, message, details, suggestions}})")
    public boolean enabled;
}
