package dev.jit.cli.support;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.jit.core.Presentation;

import dev.jit.core.error.JitException;
import dev.jit.core.json.Json;
import dev.jit.core.model.ControlChars;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place that formats results. JSON mode always prints the envelope
 * {@code {"success":true,"data":…,"metadata":{…}}}; errors print
 * {@code {"success":false,"error":{"code","message","details","suggestions"},"metadata":{…}}}.
 */
public final class Output {
    private Output() {
    }

    public static void success(PrintStream out, Object data) {
        print(out, Presentation.success(data));
    }

    public static void error(PrintStream out, JitException e) {
        print(out, Presentation.failure(e));
    }

    private static void print(PrintStream out, ObjectNode envelope) {
        if (out instanceof EnvelopeCapture capture) {
            capture.accept(envelope);
            return;
        }
        out.print(Json.pretty(envelope));
        out.flush();
    }

    /**
     * Prints rows as aligned columns (the last column is not padded). A cell is one line: any control
     * character in it, tab and newline included, is shown as its escape.
     */
    public static void table(PrintStream out, List<List<String>> given) {
        if (given.isEmpty()) {
            return;
        }
        List<List<String>> rows = new ArrayList<>(given.size());
        for (List<String> r : given) {
            List<String> cells = new ArrayList<>(r.size());
            for (String cell : r) {
                cells.add(ControlChars.escape(cell, false));
            }
            rows.add(cells);
        }
        int cols = rows.get(0).size();
        int[] width = new int[cols];
        for (List<String> r : rows) {
            for (int c = 0; c < cols - 1; c++) {
                width[c] = Math.max(width[c], r.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> r : rows) {
            for (int c = 0; c < cols; c++) {
                String cell = r.get(c);
                sb.append(cell);
                if (c < cols - 1) {
                    sb.append(" ".repeat(width[c] - cell.length() + 2));
                }
            }
            sb.append('\n');
        }
        out.print(sb);
    }
}
