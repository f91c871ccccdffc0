package dev.eventport.ports.spi;

import dev.eventport.ports.TraceParent;
import java.util.HashMap;
import java.util.Map;

/** What every backend adds to the headers of a published event. */
public final class PublishHeaders {

    private PublishHeaders() {
    }

    /**
     * The {@value TraceParent#HEADER} to send: the caller's own if it is valid, otherwise a child of the trace
     * current on this thread, otherwise a new root.
     */
    public static String traceparentFor(Map<String, String> callerHeaders) {
        String given = callerHeaders.get(TraceParent.HEADER);
        if (given != null && TraceParent.parse(given).isPresent()) {
            return given;
        }
        return TraceParent.headerForPublish();
    }

    /**
     * The caller's headers with {@value TraceParent#HEADER} set as {@link #traceparentFor} says, as an immutable map:
     * what in-process backends hand to their handlers. Without a caller's header, the one added is formatted only
     * when first read ({@link TraceParent#headersForPublish}).
     */
    public static Map<String, String> withTraceparent(Map<String, String> callerHeaders) {
        if (!callerHeaders.containsKey(TraceParent.HEADER)) {
            return TraceParent.headersForPublish(callerHeaders);
        }
        String traceparent = traceparentFor(callerHeaders);
        if (traceparent.equals(callerHeaders.get(TraceParent.HEADER))) {
            return Map.copyOf(callerHeaders);
        }
        Map<String, String> headers = new HashMap<>(callerHeaders);
        headers.put(TraceParent.HEADER, traceparent);
        return Map.copyOf(headers);
    }
}
