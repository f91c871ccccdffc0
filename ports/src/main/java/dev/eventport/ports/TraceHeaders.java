package dev.eventport.ports;

import java.util.AbstractMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The immutable headers of an in-process publish: the caller's headers plus a {@value TraceParent#HEADER} that is
 * formatted only when first read, so that a publish whose handlers never look at it pays for no formatting.
 *
 * <p>The value is fixed by the first read (from any thread) and is then the same for every reader: a child of the
 * trace that was current when the event was published, or a new root. {@link EventContext} keeps these headers
 * without copying them. They remember the publishing thread's trace state ({@link #origin}), so that a handler
 * called in that thread makes their trace current without a thread-local lookup.
 */
final class TraceHeaders extends AbstractMap<String, String> {

    private final Map<String, String> caller;
    /** The trace state of the thread that published (holding that thread while these headers are reachable). */
    final TraceParent.Slot origin;
    /** The trace current at publish: a TraceParent, a received header, or null; cleared once formatted. */
    private Object parent;
    private volatile String traceparent;
    private volatile Map<String, String> all;

    /** {@code caller} is immutable and has no {@value TraceParent#HEADER}; {@code parent} was current in {@code origin}. */
    TraceHeaders(Map<String, String> caller, Object parent, TraceParent.Slot origin) {
        this.caller = caller;
        this.origin = origin;
        this.parent = parent instanceof TraceHeaders lazy ? lazy.traceparent() : parent;
    }

    /** The header's value, formatted on the first call. */
    String traceparent() {
        String value = traceparent;
        if (value == null) {
            synchronized (this) {
                value = traceparent;
                if (value == null) {
                    value = TraceParent.headerForPublish(parent);
                    traceparent = value;
                    parent = null;
                }
            }
        }
        return value;
    }

    @Override
    public String get(Object key) {
        return TraceParent.HEADER.equals(key) ? traceparent() : caller.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return TraceParent.HEADER.equals(key) || caller.containsKey(key);
    }

    @Override
    public int size() {
        return caller.size() + 1;
    }

    @Override
    public boolean isEmpty() {
        return false;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        Map<String, String> entries = all;
        if (entries == null) {
            Map<String, String> copy = new HashMap<>(caller);
            copy.put(TraceParent.HEADER, traceparent());
            entries = Map.copyOf(copy);
            all = entries;
        }
        return entries.entrySet();
    }
}
