package dev.eventport.testkit.contract;

import java.util.Map;

/**
 * Writes raw bytes and headers to a destination of a backend with a wire format, bypassing eventport's codec (a
 * plain Kafka producer, a plain JMS producer), so that the contract suite can feed consumers what no eventport
 * publisher would send. An adapter's contract test offers one through {@link EventBackendContract#rawSender()}.
 *
 * <p>Contract: {@link #send} may be asynchronous but keeps the order of sends; {@link #flush()} returns once
 * every message sent so far was accepted by the broker, or throws; header names and values go as they are (a
 * transport that cannot carry one throws {@link IllegalArgumentException} naming it); {@link #close()} releases
 * the connection.
 */
public interface RawSender extends AutoCloseable {

    /** Sends {@code body} with {@code headers} to {@code destination} (the name eventport uses for it). */
    void send(String destination, byte[] body, Map<String, String> headers) throws Exception;

    /** Waits until the broker accepted every message sent so far. */
    void flush() throws Exception;

    @Override
    void close() throws Exception;
}
