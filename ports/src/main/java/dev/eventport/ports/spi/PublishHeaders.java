package dev.eventport.ports.spi;

import dev.eventport.ports.TraceParent;
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
        return TraceParent.current().map(TraceParent::child).orElseGet(TraceParent::newRoot).toString();
    }
}
