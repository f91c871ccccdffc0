package dev.eventport.adapter.direct;

import java.util.Arrays;

/** The direct subscriptions whose handlers run on one thread, innermost last (handlers may publish). */
final class CallStack {

    static final ThreadLocal<CallStack> CURRENT = ThreadLocal.withInitial(CallStack::new);

    private DirectSubscription<?>[] entries = new DirectSubscription<?>[4];
    private int depth;

    void push(DirectSubscription<?> subscription) {
        if (depth == entries.length) {
            entries = Arrays.copyOf(entries, depth * 2);
        }
        entries[depth++] = subscription;
    }

    void pop() {
        entries[--depth] = null;
    }

    /** How many calls of {@code subscription} run on this thread. */
    int count(DirectSubscription<?> subscription) {
        int count = 0;
        for (int i = 0; i < depth; i++) {
            if (entries[i] == subscription) {
                count++;
            }
        }
        return count;
    }
}
