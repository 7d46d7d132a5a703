package dev.jit.dispatch.engine;

/** Lets other threads (process exits, a shutdown signal) cut the dispatcher loop's sleep short. */
final class Wakeup {
    private boolean pending;

    synchronized void wake() {
        pending = true;
        notifyAll();
    }

    synchronized void await(long millis) throws InterruptedException {
        if (!pending) {
            wait(millis);
        }
        pending = false;
    }
}
