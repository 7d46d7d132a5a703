package dev.jit.cli.support;

import dev.jit.core.graph.GraphExport;
import dev.jit.core.model.Priority;
import dev.jit.core.model.State;
import java.util.ArrayList;
import java.util.Arrays;

/** Allowed values of enum-like options, for help and for {@code jit --schema} ({@code completionCandidates}). */
public final class Candidates {
    private Candidates() {
    }

    public static final class States extends ArrayList<String> {
        public States() {
            super(State.wireNames());
        }
    }

    public static final class ExportFormats extends ArrayList<String> {
        public ExportFormats() {
            super(Arrays.stream(GraphExport.Format.values()).map(GraphExport.Format::toString).toList());
        }
    }

    public static final class Priorities extends ArrayList<String> {
        public Priorities() {
            super(Priority.wireNames());
        }
    }
}
