package dev.jit.core.internal.store;

import dev.jit.core.internal.io.AtomicFiles;

import dev.jit.core.model.Issue;
import dev.jit.core.model.JitOptions;

import dev.jit.core.error.ErrorCode;
import dev.jit.core.error.JitException;
import dev.jit.core.error.WriteFailure;
import dev.jit.core.internal.log.EventLog;
import dev.jit.core.internal.lock.StoreLock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * An open store directory. All access goes through {@link #read} (shared lock, consistent view) or
 * {@link #write} (exclusive lock held across the whole read-modify-write, commit applied as a unit).
 */
public final class Store {
    private final StorePaths paths;
    private final JitOptions options;
    private final StoreLock lock;
    private final EventLog events;
    private final Journal journal;
    private final IssueLoader loader;

    private Store(StorePaths paths, JitOptions options) {
        this.paths = paths;
        this.options = options;
        this.lock = StoreLock.forFile(paths.lock());
        this.events = new EventLog(paths.events(), options.warnings());
        this.journal = new Journal(paths, events);
        this.loader = new IssueLoader(paths, options.warnings());
    }

    /** Opens an initialized store; REPO_NOT_FOUND with a hint to run {@code jit init} otherwise. */
    public static Store open(Path dataDir, JitOptions options) {
        StoreLocator.requireInitialized(dataDir);
        Path real;
        try {
            // The store directory may be reached through a link; everything below it is then checked against
            // this one resolved path and never followed.
            real = dataDir.toRealPath();
        } catch (IOException e) {
            throw new JitException(ErrorCode.IO_ERROR, "Cannot open store at " + dataDir + ": " + e.getMessage(),
                    Map.of("data_dir", dataDir.toString()), List.of("Check the directory's permissions"), e);
        }
        return new Store(new StorePaths(real), options);
    }

    /**
     * Creates the store layout where missing and leaves existing files alone.
     *
     * @return true if anything was created
     */
    public static boolean init(Path dataDir) {
        StorePaths paths = new StorePaths(dataDir);
        try {
            boolean created = !Files.isDirectory(paths.issuesDir());
            Files.createDirectories(paths.issuesDir());
            created |= createIfAbsent(paths.index(), "{\n  \"schema_version\": 1,\n  \"all_ids\": []\n}\n");
            created |= createIfAbsent(paths.gates(), "{\n  \"gates\": {}\n}\n");
            created |= createIfAbsent(paths.events(), "");
            createIfAbsent(paths.dataDir().resolve(".gitignore"), "# Local runtime files of jit\n*.lock\ntmp/\ncache/\n.journal.json\ndispatch/\n");
            if (created) {
                createLockFile(paths);
            }
            return created;
        } catch (IOException e) {
            throw new JitException(ErrorCode.IO_ERROR, "Cannot create store at " + dataDir + ": " + e.getMessage(),
                    Map.of("data_dir", dataDir.toString()),
                    List.of("Check that the parent directory exists and is writable"), e);
        }
    }

    /**
     * Gives a new store its lock file with both names (see StoreLock), so that the deployment guide's
     * {@code ls .jit/*.lock} finds it before the first write. If someone holds the lock already, its file
     * is there: nothing to wait for.
     */
    private static void createLockFile(StorePaths paths) {
        try {
            StoreLock.forFile(paths.lock()).acquireExclusive(Duration.ZERO, "jit init").close();
        } catch (JitException e) {
            if (e.code() != ErrorCode.LOCK_TIMEOUT) {
                throw e;
            }
        }
    }

    private static boolean createIfAbsent(Path file, String content) throws IOException {
        if (Files.exists(file)) {
            return false;
        }
        AtomicFiles.replace(file, content.getBytes(StandardCharsets.UTF_8));
        return true;
    }

    public StorePaths paths() {
        return paths;
    }

    public JitOptions options() {
        return options;
    }

    public EventLog events() {
        return events;
    }

    /** Runs {@code body} on a consistent view under the shared lock. */
    public <T> T read(Function<StoreView, T> body) {
        try (OpenView open = openView()) {
            return body.apply(open.view());
        }
    }

    /**
     * A consistent view under the shared lock, until closed: {@link #read} without a callback, for the
     * commands agents run most (a short process that links no lambda starts about 10 ms sooner).
     */
    public OpenView openView() {
        boolean readPastJournal = false;
        while (true) {
            StoreLock.Held held = lock.acquireShared(options.lockTimeout());
            try {
                if (readPastJournal || AtomicFiles.kind(paths.journal()) == AtomicFiles.Kind.ABSENT
                        || unrecoverableWithWarning() != null) {
                    return new OpenView(new Transaction(paths, loader, options, true, false), held);
                }
            } catch (IOException e) {
                held.close();
                throw cannotInspect(e);
            } catch (RuntimeException e) {
                held.close();
                throw e;
            }
            held.close();
            // A committed write was not fully applied (its writer crashed, or the disk filled up after its
            // commit point): complete it under the exclusive lock, then read.
            readPastJournal = !completePendingCommit();
        }
    }

    /**
     * Completes the journal's commit for a reader. A reader must work where it cannot write (full disk,
     * read-only store): then it reads the store as it is, with one warning. The journal's files are renamed
     * before its events are appended, so what blocks completion on a full disk is usually only the events.
     *
     * @return false if the commit could not be completed
     */
    private boolean completePendingCommit() {
        try {
            begin("recover").close();
            return true;
        } catch (JitException e) {
            if (e.code() == ErrorCode.LOCK_TIMEOUT) {
                throw e;
            }
            options.warnings().accept("a committed write recorded in " + paths.journal()
                    + " is not fully applied yet (" + e.getMessage() + "); the next write completes it");
            return false;
        }
    }

    /**
     * Why an interrupted commit cannot be completed (a {@code tmp/} that is not a directory, a journal that is
     * not a usable journal), or null. Readers then read the store as it is, with a warning; writers refuse.
     */
    private StoreLayout.Damage unrecoverable() throws IOException {
        StoreLayout.Damage damage = StoreLayout.check(paths, StoreLayout.TMP);
        return damage != null ? damage : journal.parse().damage();
    }

    /** An lstat or the read of the journal failed (permissions, I/O). */
    private JitException cannotInspect(IOException e) {
        return new JitException(ErrorCode.IO_ERROR, "Cannot read store at " + paths.dataDir() + ": " + e.getMessage(),
                Map.of("data_dir", paths.dataDir().toString()), List.of("Check the store's permissions"), e);
    }

    private StoreLayout.Damage unrecoverableWithWarning() throws IOException {
        StoreLayout.Damage damage = unrecoverable();
        if (damage != null) {
            options.warnings().accept("cannot complete the interrupted write in " + paths.journal() + ": "
                    + damage.message() + "; reading the store as it is. Run 'jit validate --fix'");
        }
        return damage;
    }

    /**
     * Runs {@code body} for {@code jit validate}: damage that makes other commands refuse (an unreadable index,
     * links or other wrong kinds of entries, a journal that cannot be applied) is recorded in
     * {@link Transaction#damage()} instead of failing. With {@code repair}, under the exclusive lock, and what
     * {@code body} staged is committed; else a read-only view under the shared lock.
     */
    public <T> T inspect(boolean repair, Function<Transaction, T> body) {
        while (true) {
            StoreLock.Held held = repair ? lock.acquireExclusive(options.lockTimeout(), "validate --fix")
                    : lock.acquireShared(options.lockTimeout());
            Transaction tx = null;
            try {
                StoreLayout.Damage blocker = unrecoverable();
                if (repair && blocker == null) {
                    recoverInterruptedCommit();
                }
                if (repair || blocker != null || AtomicFiles.kind(paths.journal()) == AtomicFiles.Kind.ABSENT) {
                    tx = new Transaction(paths, loader, options, !repair, true);
                    if (blocker != null && !blocker.file().startsWith(StoreLayout.TMP.name())) {
                        tx.addDamage(List.of(blocker)); // tmp/ is part of the layout the transaction checked
                    }
                }
            } catch (IOException e) {
                held.close();
                throw cannotInspect(e);
            } catch (RuntimeException e) {
                held.close();
                throw e;
            }
            if (tx == null) {
                held.close();
                write("recover", t -> null); // an interrupted commit: complete it, then look again
                continue;
            }
            try (OpenTransaction open = new OpenTransaction(tx, held)) {
                T result = body.apply(tx);
                if (repair) {
                    open.commit();
                }
                return result;
            }
        }
    }

    /** A view and the shared lock it is valid under; closing it releases the lock. */
    public record OpenView(StoreView view, StoreLock.Held lock) implements AutoCloseable {
        @Override
        public void close() {
            lock.close();
        }
    }

    private boolean recoverInterruptedCommit() {
        try {
            return journal.recover();
        } catch (JitException e) {
            throw e; // names the damaged entry and says to run validate
        } catch (IOException e) {
            if (WriteFailure.isDiskFull(e) || WriteFailure.isPermission(e, paths.dataDir())) {
                throw WriteFailure.nothingChanged(e, paths.dataDir());
            }
            throw cannotRecover(e);
        } catch (RuntimeException e) {
            throw cannotRecover(e);
        }
    }

    private JitException cannotRecover(Exception e) {
        return new JitException(ErrorCode.CORRUPT_DATA, "Cannot complete the interrupted write recorded in "
                + paths.journal() + ": " + e.getMessage(), Map.of("file", paths.journal().toString()),
                List.of("Inspect the journal; if the files it names under tmp/ are gone, delete the journal "
                        + "and run 'jit validate --fix'"), e);
    }

    /**
     * Runs {@code body} under the exclusive lock and commits what it staged as one unit. If
     * {@code body} throws, nothing is written.
     */
    public <T> T write(String purpose, Function<Transaction, T> body) {
        try (OpenTransaction open = begin(purpose)) {
            T result = body.apply(open.transaction());
            open.commit();
            return result;
        }
    }

    /**
     * The exclusive lock and a transaction, until closed: {@link #write} without a callback (see
     * {@link #openView()}). {@link OpenTransaction#commit()} applies what was staged as one unit; closing
     * without a commit writes nothing.
     */
    public OpenTransaction begin(String purpose) {
        StoreLock.Held held = lock.acquireExclusive(options.lockTimeout(), purpose);
        try {
            if (recoverInterruptedCommit()) {
                options.warnings().accept("completed an interrupted write found in " + paths.journal());
            }
            return new OpenTransaction(new Transaction(paths, loader, options, false, false), held);
        } catch (RuntimeException e) {
            held.close();
            throw e;
        }
    }

    /** A transaction and the exclusive lock it runs under; closing it releases the lock. */
    public final class OpenTransaction implements AutoCloseable {
        private final Transaction transaction;
        private final StoreLock.Held held;

        private OpenTransaction(Transaction transaction, StoreLock.Held held) {
            this.transaction = transaction;
            this.held = held;
        }

        public Transaction transaction() {
            return transaction;
        }

        /** Writes what the transaction staged, as one unit. */
        public void commit() {
            Map<String, Issue> written = transaction.writtenIssues();
            Set<String> deleted = transaction.deletedIssueIds();
            IssueCache.Key before = written.isEmpty() && deleted.isEmpty() ? null : loader.currentKey();
            IOException unfinished;
            try {
                unfinished = transaction.commit(journal);
            } catch (IOException e) {
                throw WriteFailure.nothingChanged(e, paths.dataDir());
            }
            if (unfinished != null) {
                options.warnings().accept("the change is saved, but applying it stopped (" + unfinished.getMessage()
                        + "); the next jit command completes it");
            }
            if (before != null) {
                loader.recordCommit(before, written, deleted);
            }
        }

        /** {@link #commit()}, then {@code result}: {@code return open.commit(outcome);}. */
        public <T> T commit(T result) {
            commit();
            return result;
        }

        @Override
        public void close() {
            held.close();
        }
    }
}
