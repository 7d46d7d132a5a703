package dev.jit.core.graph;

import dev.jit.core.error.JitException;
import dev.jit.core.graph.GraphModel.Edge;
import dev.jit.core.graph.GraphModel.Node;
import dev.jit.core.json.Json;
import dev.jit.core.model.Issue;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link GraphModel} as Graphviz DOT, Mermaid flowchart or JSON text. */
public final class GraphExport {
    public enum Format {
        DOT, MERMAID, JSON;

        public static Format parse(String text) {
            for (Format f : values()) {
                if (f.name().equalsIgnoreCase(text.strip())) {
                    return f;
                }
            }
            throw JitException.invalidArgument("Unsupported format: " + text, "Use one of: dot, mermaid, json");
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Fill colour, border colour and extra DOT style per style key (every state plus "missing"). */
    private record Style(String fill, String stroke, boolean dashed) {
    }

    private static final Map<String, Style> STYLES = Map.of(
            "backlog", new Style("#e0e0e0", "#616161", false),
            "ready", new Style("#bbdefb", "#1565c0", false),
            "in_progress", new Style("#fff59d", "#f9a825", false),
            "gated", new Style("#ffcc80", "#e65100", false),
            "done", new Style("#c8e6c9", "#2e7d32", false),
            "archived", new Style("#9e9e9e", "#424242", false),
            "rejected", new Style("#ffcdd2", "#c62828", true),
            "missing", new Style("#ffffff", "#d50000", true));

    private GraphExport() {
    }

    public static String render(GraphModel model, Format format) {
        return switch (format) {
            case DOT -> dot(model);
            case MERMAID -> mermaid(model);
            case JSON -> Json.pretty(json(model));
        };
    }

    static String dot(GraphModel model) {
        StringBuilder sb = new StringBuilder();
        sb.append("digraph issues {\n  rankdir=LR;\n  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\"];\n");
        for (Node n : model.nodes()) {
            Style s = STYLES.get(n.styleKey());
            String label = n.missing() ? shortId(n.id()) + "\n(missing)" : shortId(n.id()) + "\n" + n.issue().title()
                    + "\n[" + n.styleKey() + (n.blocked() && !n.issue().state().isClosed() ? ", blocked" : "") + "]";
            sb.append("  ").append(dotString(n.id())).append(" [label=").append(dotString(label))
                    .append(", fillcolor=").append(dotString(s.fill())).append(", color=").append(dotString(s.stroke()))
                    .append(s.dashed() ? ", style=\"rounded,filled,dashed\"" : "").append("];\n");
        }
        for (Edge e : model.edges()) {
            sb.append("  ").append(dotString(e.from())).append(" -> ").append(dotString(e.to())).append(";\n");
        }
        return sb.append("}\n").toString();
    }

    /** A DOT double-quoted string: backslash and quote escaped, line breaks as {@code \n}, other controls dropped. */
    static String dotString(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 2).append('"');
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (c >= 0x20 && c != 0x7f) {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    static String mermaid(GraphModel model) {
        // Node ids are generated (n0, n1, …): issue ids may start with digits or collide with Mermaid keywords.
        Map<String, String> ids = new HashMap<>();
        StringBuilder sb = new StringBuilder("flowchart LR\n");
        for (Node n : model.nodes()) {
            String nid = "n" + ids.size();
            ids.put(n.id(), nid);
            String label = n.missing() ? shortId(n.id()) + " (missing)" : shortId(n.id()) + ": " + n.issue().title();
            sb.append("  ").append(nid).append("[\"").append(mermaidText(label)).append("\"]:::st_")
                    .append(n.styleKey()).append('\n');
        }
        for (Edge e : model.edges()) {
            sb.append("  ").append(ids.get(e.from())).append(" --> ").append(ids.get(e.to())).append('\n');
        }
        for (String key : GraphModel.styleKeys()) {
            Style s = STYLES.get(key);
            sb.append("  classDef st_").append(key).append(" fill:").append(s.fill()).append(",stroke:")
                    .append(s.stroke()).append(s.dashed() ? ",stroke-dasharray:5 5" : "").append('\n');
        }
        return sb.toString();
    }

    /**
     * Text inside a quoted Mermaid label: characters the grammar or the HTML renderer would interpret
     * ({@code " # & < > `}) become Mermaid entity codes ({@code #34;}); line breaks become spaces.
     */
    static String mermaidText(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            switch (c) {
                case '"', '#', '&', '<', '>', '`' -> sb.append('#').append((int) c).append(';');
                case '\n', '\r', '\t' -> sb.append(' ');
                default -> {
                    if (c >= 0x20 && c != 0x7f) {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** {@code {"nodes":[…],"edges":[{"from","to"}]}}, the node shape of the HTTP API's /api/graph plus {@code missing}. */
    public static ObjectNode json(GraphModel model) {
        ObjectNode root = Json.object();
        ArrayNode nodes = root.putArray("nodes");
        for (Node n : model.nodes()) {
            ObjectNode o = nodes.addObject();
            o.put("id", n.id());
            Issue i = n.issue();
            o.put("label", i == null ? n.id() : i.title());
            o.put("state", n.styleKey());
            o.put("priority", i == null ? null : i.priority().wire());
            o.put("assignee", i == null ? null : i.assignee());
            o.put("blocked", n.blocked());
            ArrayNode labels = o.putArray("labels");
            if (i != null) {
                i.labels().forEach(labels::add);
            }
            o.put("missing", n.missing());
        }
        ArrayNode edges = root.putArray("edges");
        model.edges().forEach(e -> edges.addObject().put("from", e.from()).put("to", e.to()));
        return root;
    }

    private static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }
}
