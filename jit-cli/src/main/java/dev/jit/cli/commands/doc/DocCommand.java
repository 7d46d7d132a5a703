package dev.jit.cli.commands.doc;

import dev.jit.core.model.DocumentReference;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code jit doc …}. */
@Command(name = "doc",
        subcommands = {DocAdd.class, DocList.class, DocRemove.class, DocShow.class, DocHistory.class, DocDiff.class},
        description = {"Link issues to files in the git repository that contains the store, and read "
        + "those files' content, history and diffs through git.",
        "Paths are relative to the repository root (absolute paths inside it are accepted)."},
        mixinStandardHelpOptions = true)
public final class DocCommand {
    /** The JSON form of a reference, as stored in the issue file. */
    static Map<String, Object> json(DocumentReference d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", d.path());
        m.put("commit", d.commit());
        m.put("label", d.label());
        m.put("doc_type", d.docType());
        return m;
    }

    /** One human line: {@code path (label) [commit7|HEAD] <type>}. */
    static String line(DocumentReference d) {
        return d.path() + (d.label() == null ? "" : " (" + d.label() + ")") + " ["
                + (d.commit() == null ? "HEAD" : d.commit().substring(0, Math.min(7, d.commit().length()))) + "]"
                + (d.docType() == null ? "" : " <" + d.docType() + ">");
    }
}
