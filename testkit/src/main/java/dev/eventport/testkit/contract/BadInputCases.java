package dev.eventport.testkit.contract;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.eventport.ports.Capability;
import dev.eventport.ports.DeadLetter;
import dev.eventport.ports.EventContext;
import dev.eventport.ports.EventHandler;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.NonRetryableException;
import dev.eventport.ports.PublishReceipt;
import dev.eventport.ports.SubscriptionRequest;
import dev.eventport.testkit.chaos.BadInputs;
import dev.eventport.testkit.chaos.ChaosSeed;
import dev.eventport.testkit.chaos.ChaosSeedExtension;
import dev.eventport.testkit.local.ReliabilityReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bad-input group of the contract suite (nested in {@link EventBackendContract} as "Bad input"), from
 * {@link BadInputs} seeded by {@code -Deventport.chaos.seed} or at random:
 * <ul>
 *   <li>on backends with a {@link RawSender}, {@value #RAW_INPUTS_PROPERTY} (default 10,000) mutated bodies and
 *       headers written to the destination each end in the dead letters with a reason (undecodable ones from the
 *       codec; those that still decode are refused by the test's handler with a {@link NonRetryableException}), and
 *       the consumer then processes a good event; an input whose headers the transport itself refuses (e.g. JMS
 *       property names that are not identifiers) is sent again with its body alone, and counted;</li>
 *   <li>on every backend, fuzzed headers given to {@code publish(event, headers)} are either refused at publish
 *       with an error that speaks of the header, or delivered with every header the backend does not manage
 *       intact ({@link BadInputs#isManaged}: wire attributes, trace, provider properties may be replaced).</li>
 * </ul>
 * Figures go to {@code target/reliability/<backend>-bad-input.json} and {@code <backend>-bad-headers.json} (a {@link ReliabilityReport}).
 */
abstract class BadInputCases {

    static final String RAW_INPUTS_PROPERTY = "eventport.badinput.count";

    /** The header that numbers each raw input, so that every dead letter is matched to its input. */
    private static final String INPUT_HEADER = "fuzz_input";
    private static final int HEADER_INPUTS_WITH_RAW_SENDER = 1_000;
    private static final int HEADER_INPUTS_WITHOUT = 10_000;
    private static final Duration LONG_WAIT = Duration.ofMinutes(5);

    private final EventBackendContract contract;

    BadInputCases(EventBackendContract contract) {
        this.contract = contract;
    }

    @Test
    @ExtendWith(ChaosSeedExtension.class)
    @DisplayName("Ten thousand mutated bodies and headers each end in the dead letters with a reason, and the consumer goes on.")
    void rawBadInputEndsInDeadLetters(ChaosSeed seed) throws Exception {
        contract.requireCapability(Capability.DEAD_LETTER);
        RawSender sender = contract.rawSender().orElse(null);
        assumeTrue(sender != null, () -> "The '" + contract.backendName() + "' backend has no wire format to write raw bytes "
                + "to (no rawSender()); its headers are fuzzed through publish instead");
        contract.closeAfterTest(sender);
        String destination = contract.destination();
        ContractEvent good = ContractEvent.of("good-key", 0);
        Set<String> processed = ConcurrentHashMap.newKeySet();
        contract.closeAfterTest(contract.backend().createSubscriber()).subscribe(SubscriptionRequest.of(
                contract.subscriptionName("bad-input"), ContractEvent.class, onlyGood(good.eventId(), processed)));
        int count = Integer.getInteger(RAW_INPUTS_PROPERTY, 10_000);
        BadInputs inputs = BadInputs.seeded(seed.value());
        Map<String, Integer> byMutation = new TreeMap<>();
        Set<String> sent = new HashSet<>();
        int headersRefusedByTransport = 0;
        long start = System.nanoTime();

        for (int i = 0; i < count; i++) {
            BadInputs.Input input = inputs.next();
            Map<String, String> headers = new LinkedHashMap<>(input.headers());
            headers.put(INPUT_HEADER, Integer.toString(i));
            try {
                sender.send(destination, input.body(), headers);
            } catch (IllegalArgumentException cannotCarry) {
                headersRefusedByTransport++;
                sender.send(destination, input.body(), Map.of(INPUT_HEADER, Integer.toString(i)));
            }
            sent.add(Integer.toString(i));
            byMutation.merge(input.mutation(), 1, Integer::sum);
        }
        sender.flush();
        contract.closeAfterTest(contract.backend().createPublisher()).publish(good)
                .get(contract.timeout().toMillis(), MILLISECONDS);

        await().atMost(LONG_WAIT).pollInterval(Duration.ofMillis(100)).until(() -> processed.contains(good.eventId()));
        List<DeadLetter> letters = new ArrayList<>();
        await().atMost(LONG_WAIT).pollInterval(Duration.ofSeconds(2)).until(() -> {
            letters.clear();
            letters.addAll(contract.backend().deadLetters().list(destination));
            return letters.size() >= sent.size();
        });
        long millis = (System.nanoTime() - start) / 1_000_000;

        Map<String, Integer> byException = new TreeMap<>();
        letters.forEach(letter -> byException.merge(letter.exceptionType(), 1, Integer::sum));
        List<String> numbered = letters.stream().map(letter -> letter.headers().get(INPUT_HEADER)).toList();
        long withoutReason = letters.stream().filter(letter -> letter.reason().isBlank()).count();
        ReliabilityReport report = ReliabilityReport.named(contract.reportName() + "-bad-input")
                .put("seed", Long.toString(seed.value()))
                .put("inputsTried", count)
                .put("headersRefusedByTransport", headersRefusedByTransport)
                .put("sent", sent.size())
                .put("deadLetters", letters.size())
                .put("deadLettersWithoutReason", withoutReason)
                .put("goodEventProcessedAfter", processed.contains(good.eventId()))
                .put("mutations", byMutation.toString())
                .put("deadLettersByException", byException.toString())
                .put("millis", millis)
                .put("rerun", seed.rerunHint());
        report.write();
        String summary = report.toString();

        assertThat(new HashSet<>(numbered)).as("the inputs found in the dead letters; " + summary).isEqualTo(sent);
        assertThat(letters).as("dead letters, one per input sent; " + summary).hasSize(sent.size());
        assertThat(withoutReason).as("dead letters without a reason; " + summary).isZero();
        assertThat(processed).as("events processed: only the good one").containsExactly(good.eventId());
    }

    @Test
    @ExtendWith(ChaosSeedExtension.class)
    @DisplayName("Fuzzed headers are refused at publish with a clear error or delivered intact, and the consumer goes on.")
    void fuzzedHeadersAreRefusedOrDeliveredIntact(ChaosSeed seed) throws Exception {
        Map<String, Map<String, String>> delivered = new ConcurrentHashMap<>();
        contract.closeAfterTest(contract.backend().createSubscriber()).subscribe(SubscriptionRequest.of(
                contract.subscriptionName("bad-headers"), ContractEvent.class,
                (event, context) -> delivered.put(event.eventId(), context.headers())));
        EventPublisher publisher = contract.closeAfterTest(contract.backend().createPublisher());
        boolean wireFormat = contract.rawSender().map(contract::closeAfterTest).isPresent();
        int count = wireFormat ? HEADER_INPUTS_WITH_RAW_SENDER : HEADER_INPUTS_WITHOUT;
        BadInputs inputs = BadInputs.seeded(seed.value());
        Map<String, Map<String, String>> expected = new LinkedHashMap<>();
        Map<String, CompletableFuture<PublishReceipt>> futures = new LinkedHashMap<>();
        List<String> unclearRefusals = new ArrayList<>();
        int refused = 0;
        long start = System.nanoTime();

        for (int i = 0; i < count; i++) {
            ContractEvent event = ContractEvent.of("fuzz-key-" + (i % 8), i);
            Map<String, String> headers = inputs.nextHeaders();
            expected.put(event.eventId(), headers);
            try {
                futures.put(event.eventId(), publisher.publish(event, headers));
            } catch (RuntimeException thrown) {
                refused++;
                expected.remove(event.eventId());
                checkRefusal(thrown, headers, unclearRefusals);
            }
        }
        for (Map.Entry<String, CompletableFuture<PublishReceipt>> future : futures.entrySet()) {
            try {
                future.getValue().get(contract.timeout().toMillis(), MILLISECONDS);
            } catch (ExecutionException failed) {
                refused++;
                checkRefusal(failed.getCause(), expected.remove(future.getKey()), unclearRefusals);
            }
        }
        ContractEvent good = ContractEvent.of("good-key", 0);
        publisher.publish(good).get(contract.timeout().toMillis(), MILLISECONDS);
        await().atMost(LONG_WAIT).pollInterval(Duration.ofMillis(50))
                .until(() -> delivered.containsKey(good.eventId()) && delivered.keySet().containsAll(expected.keySet()));
        long millis = (System.nanoTime() - start) / 1_000_000;

        List<String> altered = new ArrayList<>();
        expected.forEach((eventId, headers) -> headers.forEach((name, value) -> {
            if (!BadInputs.isManaged(name) && !value.equals(delivered.get(eventId).get(name))) {
                altered.add(describe(name) + "=" + describe(value) + " arrived as " + describe(delivered.get(eventId).get(name)));
            }
        }));
        ReliabilityReport report = ReliabilityReport.named(contract.reportName() + "-bad-headers")
                .put("seed", Long.toString(seed.value()))
                .put("inputsTried", count)
                .put("refusedAtPublish", refused)
                .put("delivered", expected.size())
                .put("headersAltered", altered.size())
                .put("unclearRefusals", unclearRefusals.size())
                .put("millis", millis)
                .put("rerun", seed.rerunHint());
        report.write();
        String summary = report.toString();

        assertThat(unclearRefusals).as("refusals that do not speak of the header; " + summary).isEmpty();
        assertThat(altered).as("headers delivered altered; " + summary).isEmpty();
        assertThat(refused + expected.size()).as("inputs refused or delivered; " + summary).isEqualTo(count);
    }

    /** A handler that records the good event and refuses every other one as non-retryable. */
    private static EventHandler<ContractEvent> onlyGood(String goodId, Set<String> processed) {
        return (ContractEvent event, EventContext context) -> {
            if (!event.eventId().equals(goodId)) {
                throw new NonRetryableException("bad input " + context.header(INPUT_HEADER) + " decoded as a ContractEvent; "
                        + "refused by the contract suite's handler");
            }
            processed.add(event.eventId());
        };
    }

    private static void checkRefusal(Throwable failure, Map<String, String> headers, List<String> unclear) {
        String message = String.valueOf(failure.getMessage());
        if (!message.toLowerCase(Locale.ROOT).contains("header")) {
            unclear.add(failure + " for headers " + describe(headers.toString()));
        }
    }

    /** A short, printable rendering of a header name or value. */
    private static String describe(String text) {
        if (text == null) {
            return "(missing)";
        }
        String shown = text.length() > 40 ? text.substring(0, 40) + "...(" + text.length() + " chars)" : text;
        StringBuilder out = new StringBuilder("'");
        shown.codePoints().forEach(c -> out.append(c < 0x20 ? String.format("\\u%04x", c) : new String(Character.toChars(c))));
        return out.append('\'').toString();
    }

}
