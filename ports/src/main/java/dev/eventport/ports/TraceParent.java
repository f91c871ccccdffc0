package dev.eventport.ports;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A W3C Trace Context {@code traceparent} ({@code 00-<trace-id>-<parent-id>-<flags>}), carried from the publisher
 * to every handler in the {@value #HEADER} header so that one order can be followed from checkout to each consumer.
 *
 * <p>Contract: every backend sends a {@value #HEADER} header with each event: the one the caller passed in the
 * publish headers if it is valid; otherwise a child of the trace {@linkplain #current() current} on the publishing
 * thread; otherwise a new root. While a handler runs, the event's trace is current on its thread, so events it
 * publishes continue the same trace. {@link EventContext#traceparent()} gives the handler the received value.
 *
 * @param traceId  32 lower-case hex digits, not all zero; shared by every span of the trace
 * @param parentId 16 lower-case hex digits, not all zero; the span that published the event
 * @param flags    the trace flags (bit 0: sampled)
 */
public record TraceParent(String traceId, String parentId, int flags) {

    /** The header name, as in the W3C recommendation. */
    public static final String HEADER = "traceparent";

    private static final ThreadLocal<TraceParent> CURRENT = new ThreadLocal<>();

    /** Validates the ids and flags; the message names the bad field. */
    public TraceParent {
        if (!isHexId(traceId, 32)) {
            throw new IllegalArgumentException("traceId must be 32 lower-case hex digits, not all zero, but was '" + traceId + "'");
        }
        if (!isHexId(parentId, 16)) {
            throw new IllegalArgumentException("parentId must be 16 lower-case hex digits, not all zero, but was '" + parentId + "'");
        }
        if (flags < 0 || flags > 0xff) {
            throw new IllegalArgumentException("flags must be between 0 and 255, but was " + flags);
        }
    }

    /** Reads a header value; empty when it is absent or not a valid version-00 {@code traceparent}. */
    public static Optional<TraceParent> parse(String header) {
        if (header == null || header.length() != 55 || header.charAt(2) != '-' || header.charAt(35) != '-'
                || header.charAt(52) != '-' || !header.startsWith("00")) {
            return Optional.empty();
        }
        String traceId = header.substring(3, 35);
        String parentId = header.substring(36, 52);
        String flags = header.substring(53);
        if (!isHexId(traceId, 32) || !isHexId(parentId, 16) || !isHex(flags)) {
            return Optional.empty();
        }
        return Optional.of(new TraceParent(traceId, parentId, Integer.parseInt(flags, 16)));
    }

    /** A new sampled trace with a random id. */
    public static TraceParent newRoot() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new TraceParent(hex(random.nextLong() | 1L, 16) + hex(random.nextLong(), 16), hex(random.nextLong() | 1L, 16), 1);
    }

    /** The trace current on this thread: set with {@link #makeCurrent()}, and by the backend while a handler runs. */
    public static Optional<TraceParent> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** The same trace with a new random span id: what a publish inside this span sends. */
    public TraceParent child() {
        return new TraceParent(traceId, hex(ThreadLocalRandom.current().nextLong() | 1L, 16), flags);
    }

    /** Whether the sampled flag is set. */
    public boolean sampled() {
        return (flags & 1) == 1;
    }

    /** Makes this trace current on this thread until the scope is closed, which restores the previous one. */
    public Scope makeCurrent() {
        TraceParent previous = CURRENT.get();
        CURRENT.set(this);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** The header value. */
    @Override
    public String toString() {
        return "00-" + traceId + '-' + parentId + '-' + hex(flags, 2);
    }

    /** The span of code during which a trace is current; closing it restores the previous one. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        /** Restores the trace that was current before; never throws. */
        @Override
        void close();
    }

    private static boolean isHexId(String value, int length) {
        Objects.requireNonNull(value, "id");
        if (value.length() != length || !isHex(value)) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (value.charAt(i) != '0') {
                return true;
            }
        }
        return false;
    }

    private static boolean isHex(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    private static String hex(long value, int digits) {
        String text = Long.toHexString(value);
        return text.length() >= digits ? text : "0".repeat(digits - text.length()) + text;
    }
}
