package dev.jit.dispatch.testkit;


import dev.jit.core.model.State;
import dev.jit.core.Issues;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A separate JVM that marks issues done for test agents: an agent writes its agent id to
 * {@code <dir>/<issue>.req} and waits for {@code <issue>.ok}. One warm JVM instead of one per agent run keeps
 * the big scenarios fast on two cores; the edit is the same jit-core update a child JVM would make.
 */
public final class DoneService {
    private DoneService() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        Path dir = Path.of(args[1]);
        while (true) {
            try (DirectoryStream<Path> reqs = Files.newDirectoryStream(dir, "*.req")) {
                for (Path req : reqs) {
                    String name = req.getFileName().toString();
                    String issue = name.substring(0, name.length() - ".req".length());
                    String agent = Files.readString(req).strip();
                    StoreTool.open(dataDir, "agent:" + agent).issues().update(issue,
                            new Issues.Edit(null, null, null, State.DONE, null, null, null, null));
                    Files.move(req, dir.resolve(issue + ".ok"));
                }
            }
            Thread.sleep(20);
        }
    }
}
