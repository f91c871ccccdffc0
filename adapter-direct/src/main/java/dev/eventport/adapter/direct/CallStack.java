package dev.eventport.adapter.direct;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The direct subscriptions whose handlers run on one thread, innermost last (handlers may publish), readable by
 * other threads: this is how closing a subscription finds the calls it must wait for, and how lag counts them,
 * without any shared counter that every handler call would have to update atomically.
 *
 * <p>Entering a call costs one volatile write on the calling thread's own stack (the fence that makes it visible to
 * a closing thread that then sees the subscription as closed or the call as running); leaving it, a release write.
 * The stack holds the subscriptions' {@linkplain DirectSubscription#id() ids}, not references: storing a reference
 * into this long-lived array would cost a garbage-collector write barrier (with its own fence) on every call.
 */
final class CallStack {

    private static final VarHandle DEPTH;
    /** Every thread's stack, dropped with its thread. */
    private static final Map<Thread, CallStack> ALL = new WeakHashMap<>();

    static final ThreadLocal<CallStack> CURRENT = ThreadLocal.withInitial(() -> {
        CallStack stack = new CallStack();
        synchronized (ALL) {
            ALL.put(Thread.currentThread(), stack);
        }
        return stack;
    });

    static {
        try {
            DEPTH = MethodHandles.lookup().findVarHandle(CallStack.class, "depth", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile long[] entries = new long[4];
    @SuppressWarnings("unused")
    private volatile int depth;

    /** Records a call of {@code subscription} on this (the owning) thread. */
    void push(DirectSubscription<?> subscription) {
        int at = (int) DEPTH.getOpaque(this);
        long[] current = entries;
        if (at == current.length) {
            current = Arrays.copyOf(current, at * 2);
            entries = current;
        }
        current[at] = subscription.id();
        DEPTH.setVolatile(this, at + 1);
    }

    /** The innermost call on this (the owning) thread returned. */
    void pop() {
        int at = (int) DEPTH.getOpaque(this) - 1;
        DEPTH.setRelease(this, at);
    }

    /** How many calls of {@code subscription} run on this stack's thread now. */
    int count(DirectSubscription<?> subscription) {
        int at = (int) DEPTH.getVolatile(this);
        long[] current = entries;
        long id = subscription.id();
        int count = 0;
        for (int i = 0; i < Math.min(at, current.length); i++) {
            if (current[i] == id) {
                count++;
            }
        }
        return count;
    }

    /** How many calls of {@code subscription} run now on threads other than {@code except} (null: on all threads). */
    static int running(DirectSubscription<?> subscription, CallStack except) {
        List<CallStack> stacks;
        synchronized (ALL) {
            stacks = new ArrayList<>(ALL.values());
        }
        int running = 0;
        for (CallStack stack : stacks) {
            if (stack != except) {
                running += stack.count(subscription);
            }
        }
        return running;
    }
}
