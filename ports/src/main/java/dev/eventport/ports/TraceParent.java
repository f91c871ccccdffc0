package dev.eventport.ports;

import java.nio.charset.StandardCharsets;
import java.util.Map;
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

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);
    /** Per thread, what is current ({@link Slot}). */
    private static final ThreadLocal<Slot> CURRENT = ThreadLocal.withInitial(Slot::new);

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
        if (header == null || !isValid(header)) {
            return Optional.empty();
        }
        return Optional.of(new TraceParent(header.substring(3, 35), header.substring(36, 52),
                Integer.parseInt(header.substring(53), 16)));
    }

    private static boolean isValid(String header) {
        if (header.length() != 55 || header.charAt(0) != '0' || header.charAt(1) != '0' || header.charAt(2) != '-'
                || header.charAt(35) != '-' || header.charAt(52) != '-') {
            return false;
        }
        return isHexRange(header, 3, 35) && isHexRange(header, 36, 52) && isHexRange(header, 53, 55)
                && !isZeroRange(header, 3, 35) && !isZeroRange(header, 36, 52);
    }

    private static boolean isHexRange(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isZeroRange(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }

    /** A new sampled trace with a random id. */
    public static TraceParent newRoot() {
        return parse(newRootHeader()).orElseThrow();
    }

    /**
     * The {@value #HEADER} a publish on this thread sends when its caller gave none: a child of the
     * {@linkplain #current() current} trace, otherwise a new sampled root. Cheaper than
     * {@code current().map(TraceParent::child).orElseGet(TraceParent::newRoot).toString()}, with the same result.
     */
    public static String headerForPublish() {
        return headerForPublish(CURRENT.get().current);
    }

    /**
     * The caller's headers plus the {@value #HEADER} that {@link #headerForPublish()} gives now, as an immutable map
     * that formats the header only when someone reads it (in-process backends hand these to handlers that often
     * never do). Contract: {@code callerHeaders} has no {@value #HEADER} key; the value, once read, never changes.
     */
    public static Map<String, String> headersForPublish(Map<String, String> callerHeaders) {
        if (callerHeaders.containsKey(HEADER)) {
            throw new IllegalArgumentException("headersForPublish adds the " + HEADER + " itself, but the caller's headers "
                    + "have one: use PublishHeaders.withTraceparent, which keeps a valid one");
        }
        Slot slot = CURRENT.get();
        return new TraceHeaders(Map.copyOf(callerHeaders), slot.current, slot);
    }

    /** The header a publish sends inside {@code parent}: a current-trace value (see {@link Slot}) or null. */
    static String headerForPublish(Object parent) {
        Object current = parent instanceof TraceHeaders lazy ? lazy.traceparent() : parent;
        if (current instanceof String header && isValid(header)) {
            byte[] text = new byte[55];
            for (int i = 0; i < 35; i++) {
                text[i] = (byte) header.charAt(i);
            }
            writeSpan(text);
            text[53] = (byte) header.charAt(53);
            text[54] = (byte) header.charAt(54);
            return new String(text, StandardCharsets.ISO_8859_1);
        }
        if (current instanceof TraceParent trace) {
            return trace.child().toString();
        }
        return newRootHeader();
    }

    private static String newRootHeader() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] text = new byte[55];
        text[0] = '0';
        text[1] = '0';
        text[2] = '-';
        writeHex(random.nextLong() | 1L, text, 3);
        writeHex(random.nextLong(), text, 19);
        writeSpan(text);
        text[53] = '0';
        text[54] = '1';
        return new String(text, StandardCharsets.ISO_8859_1);
    }

    /** Writes "-" + a new random span id + "-" at offsets 35 to 52. */
    private static void writeSpan(byte[] text) {
        text[35] = '-';
        writeHex(ThreadLocalRandom.current().nextLong() | 1L, text, 36);
        text[52] = '-';
    }

    private static void writeHex(long value, byte[] text, int offset) {
        for (int i = 15; i >= 0; i--) {
            text[offset + i] = HEX[(int) value & 0xf];
            value >>>= 4;
        }
    }

    /** The trace current on this thread: set with {@link #makeCurrent()}, and by the backend while a handler runs. */
    public static Optional<TraceParent> current() {
        Slot slot = CURRENT.get();
        Object current = slot.current;
        if (current instanceof TraceHeaders lazy) {
            current = lazy.traceparent();
        }
        if (current instanceof String header) {
            TraceParent parsed = parse(header).orElse(null);
            slot.current = parsed;
            return Optional.ofNullable(parsed);
        }
        return Optional.ofNullable((TraceParent) current);
    }

    /** The same trace with a new random span id: what a publish inside this span sends. */
    public TraceParent child() {
        byte[] span = new byte[16];
        writeHex(ThreadLocalRandom.current().nextLong() | 1L, span, 0);
        return new TraceParent(traceId, new String(span, StandardCharsets.ISO_8859_1), flags);
    }

    /** Whether the sampled flag is set. */
    public boolean sampled() {
        return (flags & 1) == 1;
    }

    /** Makes this trace current on this thread until the scope is closed, which restores the previous one. */
    public Scope makeCurrent() {
        return enter(CURRENT.get(), this);
    }

    /**
     * Makes the trace of a received {@value #HEADER} header current on this thread until the scope is closed, which
     * restores the previous one: what a backend does while a handler runs. The header is parsed only when someone
     * asks for the {@linkplain #current() current} trace; a null or invalid header makes no trace current.
     */
    public static Scope makeCurrent(String header) {
        return enter(CURRENT.get(), header);
    }

    /**
     * Makes the trace of received headers current, as {@code makeCurrent(headers.get(HEADER))} would, without
     * formatting a {@value #HEADER} of {@link #headersForPublish} that nobody has read yet (nor looking up this
     * thread's state again when those headers were made on this thread, as for a handler called by its publisher).
     */
    public static Scope makeCurrent(Map<String, String> headers) {
        if (headers instanceof TraceHeaders lazy) {
            Slot origin = lazy.origin;
            return enter(origin.owner == Thread.currentThread() ? origin : CURRENT.get(), lazy);
        }
        return enter(CURRENT.get(), headers.get(HEADER));
    }

    private static Scope enter(Slot slot, Object current) {
        Object previous = slot.current;
        slot.current = current;
        return () -> slot.current = previous;
    }

    /** The header value. */
    @Override
    public String toString() {
        return "00-" + traceId + '-' + parentId + '-' + hex(flags, 2);
    }

    /**
     * What is current on one thread: a TraceParent, a header not parsed yet (see {@link #makeCurrent(String)}),
     * headers whose header is not formatted yet ({@link TraceHeaders}), or null. Only its owner thread uses it.
     */
    static final class Slot {
        final Thread owner = Thread.currentThread();
        Object current;
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
        return value.length() == length && isHexRange(value, 0, length) && !isZeroRange(value, 0, length);
    }

    private static String hex(long value, int digits) {
        String text = Long.toHexString(value);
        return text.length() >= digits ? text : "0".repeat(digits - text.length()) + text;
    }
}
