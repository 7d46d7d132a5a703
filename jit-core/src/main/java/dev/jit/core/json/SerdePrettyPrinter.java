package dev.jit.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import java.io.IOException;

/**
 * serde_json's pretty format for a Jackson generator: {@code "key": value}, each object entry and array
 * element on a line of its own indented by two spaces a level, and {@code {}} / {@code []} when empty.
 * Keeps the nesting depth, so each generator needs an instance of its own.
 */
final class SerdePrettyPrinter implements PrettyPrinter {
    /**
     * Comma, line break and the indentation of 15 levels: a separator and the next line's indentation go out
     * in one write (the generator's short-write limit is 32 characters); deeper levels add the rest in pieces.
     * Fewer calls matter here: a CLI run writes its output before the JIT has compiled any of this.
     */
    private static final char[] COMMA_NEWLINE_INDENT = (",\n" + " ".repeat(30)).toCharArray();
    private static final int INDENT_IN_ONE_WRITE = COMMA_NEWLINE_INDENT.length - 2;

    private int depth;

    @Override
    public void writeRootValueSeparator(JsonGenerator g) {
        // Json writes one value per document: there is never a second root value to separate.
    }

    @Override
    public void writeStartObject(JsonGenerator g) throws IOException {
        g.writeRaw('{');
        depth++;
    }

    @Override
    public void beforeObjectEntries(JsonGenerator g) throws IOException {
        newline(g, 1);
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw(": ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
        newline(g, 0);
    }

    @Override
    public void writeEndObject(JsonGenerator g, int entries) throws IOException {
        depth--;
        if (entries > 0) {
            newline(g, 1);
        }
        g.writeRaw('}');
    }

    @Override
    public void writeStartArray(JsonGenerator g) throws IOException {
        g.writeRaw('[');
        depth++;
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) throws IOException {
        newline(g, 1);
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
        newline(g, 0);
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) throws IOException {
        depth--;
        if (values > 0) {
            newline(g, 1);
        }
        g.writeRaw(']');
    }

    /** From {@code start} 0: comma, line break and indentation; from 1: line break and indentation. */
    private void newline(JsonGenerator g, int start) throws IOException {
        int spaces = 2 * depth;
        int first = Math.min(spaces, INDENT_IN_ONE_WRITE);
        g.writeRaw(COMMA_NEWLINE_INDENT, start, 2 - start + first);
        for (spaces -= first; spaces > 0; spaces -= INDENT_IN_ONE_WRITE) {
            g.writeRaw(COMMA_NEWLINE_INDENT, 2, Math.min(spaces, INDENT_IN_ONE_WRITE));
        }
    }
}
