package dev.mmcheck.compile;

import dev.mmcheck.lang.Ast.Goto;
import dev.mmcheck.model.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A loop being compiled: the jumps its break and continue statements wait to have patched. */
final class Loop {
    final List<Integer> breaks = new ArrayList<>(), continues = new ArrayList<>();
    final int atomicAtEntry;
    Loop(int atomic) { atomicAtEntry = atomic; }
}

/** One inlined routine (or the thread's body) being compiled: its locals, out-parameters, returns, loops and labels. */
final class Frame {
    final String routine;
    final Map<String, CodeGen.Val> locals = new HashMap<>();
    /** Out-parameters: a parameter bound to the caller's local passed as {@code &x}. */
    final Map<String, CodeGen.Val> refs = new HashMap<>();
    final List<Integer> returns = new ArrayList<>();
    final Deque<Loop> loops = new ArrayDeque<>();
    final int atomicAtEntry;
    /** C's static inline: shown in a trace as the caller's statement. */
    final boolean inline;
    int result = -1;
    Type resultType;
    Boolean returnsValue;
    /** label -> {pc, atomic depth there}; gotos waiting for their label. */
    final Map<String, int[]> labels = new HashMap<>();
    final List<Goto> gotos = new ArrayList<>();
    final List<Integer> gotoJumps = new ArrayList<>();
    final List<Integer> gotoAtomic = new ArrayList<>();

    Frame(String routine, int atomic) { this(routine, atomic, false); }

    Frame(String routine, int atomic, boolean inline) {
        this.routine = routine;
        this.atomicAtEntry = atomic;
        this.inline = inline;
    }
}
