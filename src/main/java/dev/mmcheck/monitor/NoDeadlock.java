package dev.mmcheck.monitor;

import dev.mmcheck.machine.Monitor;
import dev.mmcheck.model.Invariant;

/**
 * no_deadlock (docs/invariants.md): judged by the search itself, which knows whether a state
 * has a successor that makes progress (check/Explorer.java). Nothing to watch, no ghost.
 */
final class NoDeadlock extends Monitor {
    NoDeadlock() { super(Invariant.NO_DEADLOCK); }

    @Override public When when() { return When.SEARCH; }
}
