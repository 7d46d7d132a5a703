package dev.jit.cli.model;

import java.util.List;

/**
 * One leaf command as the build read it from its picocli annotations: what {@link DirectParser} needs to bind
 * a command line to the command's fields.
 *
 * @param path        the command's words after {@code jit} ("issue create")
 * @param type        the command class
 * @param options     its options, in declaration order
 * @param positionals its positional parameters, in index order
 */
public record CommandModel(String path, String type, List<Arg> options, List<Arg> positionals) {

    /**
     * One option or positional parameter and the field it sets.
     *
     * @param names          an option's names ("-t", "--title"); empty for a positional
     * @param index          a positional's index range ("0", "1", "0..*"); null for an option
     * @param declaringClass the class that declares the field
     * @param field          the field's name
     * @param type           the field's type ("java.lang.String", "int", "java.util.List")
     * @param elementType    the type of one value: the list's element type, else {@code type}
     * @param arity          the arity as annotated; null when picocli infers it from the type
     * @param split          the regex that splits one value into several; null for none
     * @param defaultValue   the value set when the argument is absent; null for none
     * @param required       whether picocli rejects a command line without it
     */
    public record Arg(List<String> names, String index, String declaringClass, String field, String type,
                      String elementType, String arity, String split, String defaultValue, boolean required) {
    }
}
