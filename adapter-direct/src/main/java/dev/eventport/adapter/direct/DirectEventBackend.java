package dev.eventport.adapter.direct;

import dev.eventport.domain.DomainEvent;
import dev.eventport.ports.BackendHealth;
import dev.eventport.ports.Capabilities;
import dev.eventport.ports.Capability;
import dev.eventport.ports.DeadLetters;
import dev.eventport.ports.DestinationNaming;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.EventSubscriber;
import dev.eventport.ports.PublishReceipt;
import dev.eventport.ports.spi.AbstractEventBackend;
import dev.eventport.ports.spi.InProcessDeadLetters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The system before any broker: publishing an event calls every subscribed handler, one after the other, in the
 * publisher's thread.
 *
 * <p>Contract (beyond {@link dev.eventport.ports.EventBackend} and {@link AbstractEventBackend}):
 * <ul>
 *   <li>{@code publish} runs the handlers of the event's destination in the caller's thread, in the order the
 *       subscriptions were first made, and returns a future that is already complete: with a receipt when every
 *       handler returned, or with a {@link dev.eventport.ports.HandlersFailedException} naming every subscription
 *       whose handler still failed after its {@link dev.eventport.ports.ErrorPolicy}. The other handlers still
 *       run. Retries happen in line: the backoff waits in the caller's thread (the honest cost of direct calls).
 *       Each failed event is kept in {@link #deadLetters()} with the reason and the attempt count (the newest
 *       {@value DirectConfig#DEAD_LETTERS_MAX} per destination).</li>
 *   <li>Concurrent publishers call the same handler concurrently, as concurrent direct calls would: handlers
 *       must be thread safe. Events with the same aggregate id published one after the other are handled in that
 *       order by every subscription.</li>
 *   <li>Two or more subscriptions with the same name on one destination compete: each event goes to one of them,
 *       in turn (round robin). {@link dev.eventport.ports.SubscriptionRequest#consumers()} has no effect: there
 *       are no consumer threads.</li>
 *   <li>A direct call cannot be queued: while a subscription is paused, a publish to its destination waits in
 *       the caller's thread until it resumes (another member of its name that is not paused takes the event at
 *       once). After {@value DirectConfig#PAUSE_TIMEOUT} the event is dead-lettered for that
 *       subscription and the publish fails.</li>
 *   <li>Nothing is stored: a subscription receives only the events published while it is open (start positions
 *       behave like {@code latest}); {@code rewind} throws {@link dev.eventport.ports.UnsupportedCapabilityException};
 *       lag counts the publishes currently waiting for or running the subscription's handler, and its oldest age
 *       is that of the oldest of them (known for publishes that waited for a resume or a retry, and for every
 *       publish while an observer is registered: without observers no clock is read on the way).</li>
 *   <li>Receipts give the time to the millisecond, from a clock field that one daemon thread
 *       ({@code eventport-direct-clock}) refreshes every millisecond while a direct backend is open: a system
 *       clock call would cost as much as the rest of the publish.</li>
 *   <li>Every publish carries a {@code traceparent} header (the caller's, or a child of the current trace, or a
 *       new root), which handlers see in their {@link dev.eventport.ports.EventContext}; while a handler runs its
 *       event's trace is current, so what it publishes continues the trace.</li>
 * </ul>
 */
public final class DirectEventBackend extends AbstractEventBackend {

    /** What the direct backend guarantees, whatever its configuration. */
    public static final Capabilities CAPABILITIES = Capabilities.of(Capability.SYNCHRONOUS, Capability.FAN_OUT,
            Capability.COMPETING_CONSUMERS, Capability.ORDERED_PER_KEY, Capability.DEAD_LETTER);

    private final Routes routes;
    private final InProcessDeadLetters deadLetters;
    private final InlineDelivery delivery;
    private final Duration pauseTimeout;

    /** A direct backend with the default settings and kebab-case destinations. */
    public DirectEventBackend() {
        this(DirectConfig.defaults(), DestinationNaming.kebabCase());
    }

    /** A direct backend with the given settings, mapping event types to destinations with {@code naming}. */
    public DirectEventBackend(DirectConfig config, DestinationNaming naming) {
        super(DirectBackendProvider.NAME, CAPABILITIES, naming);
        this.routes = new Routes(config.pauseTimeout(), config.closeTimeout());
        this.pauseTimeout = config.pauseTimeout();
        this.deadLetters = new InProcessDeadLetters(config.deadLettersMax(), DirectConfig.DEAD_LETTERS_MAX, this::republish);
        this.delivery = new InlineDelivery(routes, deadLetters);
        ReceiptClock.acquire();
    }

    @Override
    public EventPublisher createPublisher() {
        requireOpen();
        return track(new DirectPublisher(destinations(), routes, delivery, observers(), this::forget));
    }

    @Override
    public EventSubscriber createSubscriber() {
        requireOpen();
        return track(new DirectSubscriber(destinations(), routes, observers(), this::forget));
    }

    private CompletableFuture<PublishReceipt> republish(DomainEvent event, Map<String, String> headers) {
        return new DirectPublisher(destinations(), routes, delivery, observers(), publisher -> { }).publish(event, headers);
    }

    /**
     * A paused subscription cannot consume, and its problem says that a publish to its destination blocks in the
     * caller's thread until it resumes, for at most {@value DirectConfig#PAUSE_TIMEOUT}, then fails (publishing is
     * still accepted, to that destination after the wait, to the others at once).
     */
    @Override
    protected BackendHealth openHealth() {
        List<String> problems = new ArrayList<>();
        for (String problem : observers().subscriptionProblems()) {
            problems.add(problem + "; meanwhile a publish to its destination blocks in the caller's thread for up to "
                    + pauseTimeout.toMillis() + " ms (" + DirectConfig.PAUSE_TIMEOUT + ") and then fails");
        }
        return healthOf(List.of(), problems);
    }

    @Override
    public DeadLetters deadLetters() {
        return deadLetters;
    }

    /** Stops the receipt clock of this backend. */
    @Override
    protected void release() {
        ReceiptClock.release();
    }
}
