package dev.jit.cli.commands;

import dev.jit.cli.support.JitSubcommand;
import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import dev.jit.core.Validation;
import dev.jit.core.Validation.Problem;
import dev.jit.core.Validation.Report;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jit validate}. */
@Command(name = "validate", description = {"Check the store and report every problem: unreadable files, links, "
        + "directories or FIFOs where files belong, an unreadable index or invalid ids in it, a journal that cannot "
        + "be applied, index/file disagreement, dangling dependencies, cycles, gates missing from the registry, "
        + "leftover temp files, states that disagree with dependencies, broken document links (missing commit or "
        + "path). Exit 4 when problems remain.",
        "--fix repairs what is safe: removes links (never what they point to), FIFOs and empty directories where "
                + "files belong, rebuilds the index from the files, drops dangling edges, removes temp files, "
                + "moves issues between backlog and ready."}, mixinStandardHelpOptions = true)
public final class ValidateCommand extends JitSubcommand {
    @Option(names = "--fix", description = "Repair what is safe to repair, and report each repair")
    boolean fix;

    @Override
    protected void run() {
        Validation service = jit().validation();
        Report report = fix ? service.fix() : service.check();
        List<Problem> remaining = report.remaining();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("valid", remaining.isEmpty());
        data.put("problems", report.problems().stream().map(ValidateCommand::json).toList());
        data.put("repairs", report.repairs());
        data.put("message", remaining.isEmpty() ? "Repository validation passed"
                : remaining.size() + " problem(s) remain");
        if (!json()) {
            report.problems().forEach(p -> out().println((fix && p.fixable() ? "fixed " : "error ") + "["
                    + p.code() + "] " + p.message()));
            report.repairs().forEach(r -> out().println("repair: " + r));
        }
        if (!remaining.isEmpty()) {
            throw new JitException(ErrorCode.VALIDATION_FAILED, "Store is invalid: " + data.get("message"), data,
                    remaining.stream().anyMatch(Problem::fixable) ? List.of("Run 'jit validate --fix' to repair what is safe")
                            : List.of("Fix the files named above by hand (or restore them from git), then run 'jit validate'"));
        }
        emit(data, () -> out().println("✓ Repository is valid" + (report.repairs().isEmpty() ? ""
                : " (" + report.repairs().size() + " repair(s) made)")));
    }

    private static Map<String, Object> json(Problem p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", p.code());
        m.put("message", p.message());
        m.put("issue_id", p.issueId());
        m.put("file", p.file());
        m.put("fixable", p.fixable());
        return m;
    }
}
