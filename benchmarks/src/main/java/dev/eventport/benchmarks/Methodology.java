package dev.eventport.benchmarks;

/** How each figure of the report is measured: the text at the end of {@code PERFORMANCE.md}. */
final class Methodology {

    static final String TEXT = """
            ## How the figures are measured

            Everything runs in one JVM with a fixed heap (see the machine above; JMH forks its own), against brokers
            embedded in that JVM on the loopback interface; each eventport figure has its baseline measured in the
            same run, back to back.

            - **Direct** (JMH, average time): one `publish` to N subscriptions of the direct backend against calling the
              same N handler objects in a plain loop with a prepared `EventContext`. *Added per handler call* is
              (publish time - loop time) / N; the target is at most 50 ns.
            - **In-memory** (JMH, throughput): one publisher thread publishes batches of 10,000 events and waits until each
              of the 1 or 4 subscriptions (one consumer thread each) handled them all; the baseline puts the same events
              into one `LinkedBlockingQueue` per subscription, each drained by its own thread, and waits the same way.
              Targets: at least 0.5x the queue, and at least 2 million events/s with one subscription.
            - **Tracing** (JMH, average time): the pieces of the two rows above that every publish and handler call pays:
              a `traceparent` (new root, or child of the handler's received header), the caller's headers plus that
              `traceparent`, and one `HandlerInvoker` call without observers. With no observer registered, no clock is
              read for timing; observers (metrics) add their own cost on top.
            - **Kafka**: `OrderCreated` events whose JSON body is `event.bytes` (1 KiB), keyed by order id. The baseline is
              a plain `KafkaProducer<String, byte[]>` / `KafkaConsumer` written as a service would: Jackson for the
              JSON, `acks=all`, idempotence, the same `linger.ms`, auto-commit off and `commitAsync` after each poll.
              *Publish*: `events` publishes, timed from the first send to the last broker acknowledgement.
              *Consume*: one consumer thread reads back what that side published (eventport: decode with the codec,
              build the context, call the handler, commit), timed from the first handled event to the last. Each side
              uses its own topics (`partitions` partitions, created beforehand); after one unrecorded warm-up round
              per side (`warmup.events`), the sides alternate which goes first, `rounds` times, with a garbage
              collection before each step, and the medians are compared (the note gives each side's range).
              *Latency*: one event at a time at `linger.ms=0`, from the publish call to the handler, after 20%
              unrecorded warm-up; p50 and p99 (HdrHistogram). Targets: publish at least 0.95x, consume at least 0.90x, p99 at most 1.2x. A third side, *raw + same headers*,
              is the same plain client sending the 8 headers of eventport's wire format (CloudEvents binary-mode
              attributes and `traceparent`, about 300 bytes per record) and reading them back as strings: the ratio
              against it is what the wrapper's code costs; the ratio against the plain client adds what carrying that
              metadata costs the client and the broker. The rows *plain client with eventport's metadata / plain
              client* divide the third side's medians by the plain client's (the same rounds, no extra run): the cost
              of the metadata alone, so the best ratio any wrapper sending that metadata can reach against the plain
              client. They have no target. A fourth side, *eventport without attributes*, is the adapter configured
              with `eventport.wire.attributes=none` (key and body only, the bytes the plain client sends): its rows
              against the plain client carry the same targets and show what is left of the wrapper.
            - **JMS** (Artemis, queue mode, persistent, journal fsync on): the baseline is plain JMS as the adapter uses
              it: `BytesMessage`s of UTF-8 JSON (the adapter's body, without its CloudEvents properties) sent with a `CompletionListener` and a 1 MiB confirmation window, and a
              transacted consumer that commits every 100 messages or when idle. Same steps as Kafka, with the third
              side *raw + same properties* (the 8 attributes as string properties, which Artemis stores as UTF-16, and
              `JMSXGroupID`) and the fourth *eventport without attributes* (body and `JMSXGroupID`, which keeps an
              aggregate's events in order, where the plain client sends the body alone). Target: at least 0.90x for
              publish and consume.
            - **Kafka scaling**: a topic with P partitions is filled once by eventport (`scaling.events`), then read by
              P consumer threads of eventport (`withConsumers(P)`) and by P raw `KafkaConsumer` threads of one group,
              each read in a consumer group of its own, timed from the first handled event to the last. The group
              forms before the read starts (eventport subscribes at the latest position, which returns once every
              consumer has its partitions, then rewinds to the earliest; the raw consumers pause their partitions
              until every one owns some), so that no rebalance falls inside the timed read. As for the
              throughput rows: one unrecorded warm-up read per side (at most `warmup.events`), then `rounds` rounds in
              which the sides take turns going first, a garbage collection before each read, medians compared, each
              side's range in the note.
            - **Checkout**: the store's `CheckoutService` (examples) with 1 to 64 downstream consumers that each take
              `checkout.handler.latency` per event; the time of `checkout()` (save, charge, publish and wait for the
              backend's acknowledgement), one after the other, with each backend's default settings. With `direct`
              the consumers run inside checkout.

            On a machine with 2 cores, JMH, the broker, the producer and the consumer threads share the same cores:
            figures move by 30-50% from run to run, and much more while other processes run (see the load average above).
            """;

    private Methodology() {
    }
}
