package dev.eventport.examples.comparison;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventport.examples.comparison.Results.Backend;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTest {

    @Test
    void withoutReplayTheCheapestDurableBackendThatSurvivesFailuresIsChosenAndTheTextQuotesItsFigures() {
        Verdict verdict = Verdict.decide(Workload.fromArgs(), Fixtures.typicalRun());

        assertThat(verdict.recommended()).isEqualTo("jms-topic");
        assertThat(verdict.summary()).contains("Use jms-topic").contains("p99 6.0 ms").contains("one broker (Artemis)")
                .contains("direct does not fit").contains("only 0% of checkouts succeeded")
                .contains("inmemory does not fit").contains("[needs.durability]");
        assertThat(verdict.kafka()).startsWith("Not for this workload").contains("replayed 40 of 40 past orders")
                .contains("needs.replay=true");
    }

    @Test
    void needingReplayMakesKafkaTheAnswerBecauseNothingSimplerReplays() {
        Verdict verdict = Verdict.decide(Workload.fromArgs("--needs.replay", "true"), Fixtures.typicalRun());

        assertThat(verdict.recommended()).isEqualTo("kafka");
        assertThat(verdict.kafka()).startsWith("Yes").contains("jms-topic misses")
                .contains("it replayed 0 of 40 [needs.replay]");
    }

    @Test
    void withoutDurabilityOrBrokersTheInProcessBusFits() {
        Verdict verdict = Verdict.decide(Workload.fromArgs("--needs.durability", "false", "--broker.acceptable", "false"),
                Fixtures.typicalRun());

        assertThat(verdict.recommended()).isEqualTo("inmemory");
        assertThat(verdict.summary()).contains("nothing to operate").contains("[broker.acceptable]");
        assertThat(verdict.kafka()).startsWith("No").contains("rules out operating a broker");
    }

    @Test
    void theVerdictFollowsTheMeasurementsNotTheBackendsName() {
        List<Backend> run = new ArrayList<>(Fixtures.typicalRun());
        Backend jms = run.get(2);
        run.set(2, new Backend(jms.label(), jms.backend(), jms.settings(), jms.capabilities(), jms.scaling(), jms.slow(),
                Fixtures.point("down", 7, 6, 6, 30, 100), jms.replay(), jms.ordering(), jms.saturation(), null));

        Verdict verdict = Verdict.decide(Workload.fromArgs(), run);

        assertThat(verdict.recommended()).isEqualTo("kafka");
        assertThat(verdict.assessments().get(2).misses()).anySatisfy(m -> assertThat(m).contains("only 75% of checkouts"));
    }

    @Test
    void whenNothingFitsTheClosestIsNamedWithWhatItMisses() {
        Verdict verdict = Verdict.decide(Workload.fromArgs("--checkout.budget", "1ms"), Fixtures.typicalRun());

        assertThat(verdict.summary()).startsWith("No backend meets every need").contains("[checkout.budget]");
        assertThat(verdict.recommended()).isNotNull();
    }

    @Test
    void aBackendThatCouldNotBeMeasuredNeverFits() {
        Backend failed = new Backend("kafka", "kafka", "", List.of(), List.of(), null, null, null, null, null,
                "IllegalStateException: no broker");

        Verdict verdict = Verdict.decide(Workload.fromArgs("--needs.replay", "true"), List.of(failed));

        assertThat(verdict.recommended()).isNull();
        assertThat(verdict.assessments().get(0).misses()).containsExactly(
                "it could not be measured: IllegalStateException: no broker");
    }
}
