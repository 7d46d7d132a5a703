package dev.jit.cli.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a command does to the store, declared on its class: {@code jit --schema} reports it as each command's
 * {@code effect}, and {@code jit mcp} derives its tools' read-only and destructive hints from that. A command
 * without it writes.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface StoreEffect {
    Kind value();

    enum Kind {
        /** Only reads: running it any number of times changes nothing. */
        READS,
        /** Creates or changes data. */
        WRITES,
        /** Removes data (an issue, a dependency, a gate definition, a document link). */
        DELETES;

        /** The name {@code --schema} gives it. */
        public String schemaName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The effect of {@code command} (an instance of a command class). */
        public static Kind of(Object command) {
            StoreEffect declared = command.getClass().getAnnotation(StoreEffect.class);
            return declared == null ? WRITES : declared.value();
        }
    }
}
