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
    /** A line break and enough indentation for 32 levels; deeper levels write it in several pieces. */
    private static final char[] NEWLINE_AND_INDENT = ("\n" + " ".repeat(64)).toCharArray();

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
        newline(g);
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw(": ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
        g.writeRaw(',');
        newline(g);
    }

    @Override
    public void writeEndObject(JsonGenerator g, int entries) throws IOException {
        depth--;
        if (entries > 0) {
            newline(g);
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
        newline(g);
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw(',');
        newline(g);
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) throws IOException {
        depth--;
        if (values > 0) {
            newline(g);
        }
        g.writeRaw(']');
    }

    private void newline(JsonGenerator g) throws IOException {
        int spaces = 2 * depth;
        int piece = Math.min(spaces, NEWLINE_AND_INDENT.length - 1);
        g.writeRaw(NEWLINE_AND_INDENT, 0, 1 + piece);
        for (spaces -= piece; spaces > 0; spaces -= piece) {
            piece = Math.min(spaces, NEWLINE_AND_INDENT.length - 1);
            g.writeRaw(NEWLINE_AND_INDENT, 1, piece);
        }
    }
}
