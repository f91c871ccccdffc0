package dev.eventport.adapter.jms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventport.ports.DestinationNaming;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventportConfig;
import dev.eventport.testkit.artemis.EmbeddedArtemis;
import dev.eventport.testkit.contract.ContractEvent;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** Shared set-up of the JMS tests: a backend on the embedded broker whose ContractEvents go to a fresh destination. */
final class JmsTesting {

    private JmsTesting() {
    }

    /** A destination name no other test uses. */
    static String uniqueDestination(String purpose) {
        return "jms-" + purpose + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 24);
    }

    /** Creates one raw JMS message. */
    interface MessageFactory {
        Message create(Session session) throws Exception;
    }

    /** Sends one persistent message, made by {@code factory}, to the topic {@code topic} with a plain JMS client. */
    static void sendRaw(EmbeddedArtemis broker, String topic, MessageFactory factory) throws Exception {
        try (ActiveMQConnectionFactory connectionFactory = new ActiveMQConnectionFactory(broker.url());
             Connection connection = connectionFactory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createTopic(topic));
            producer.send(factory.create(session), DeliveryMode.PERSISTENT, Message.DEFAULT_PRIORITY, 0);
        }
    }

    /** Checks one raw JMS message. */
    interface MessageCheck {
        void check(Message message) throws Exception;
    }

    /** Receives one message from the queue {@code queue} with a plain JMS client and checks it before disconnecting. */
    static void receiveRaw(EmbeddedArtemis broker, String queue, Duration deadline, MessageCheck check) throws Exception {
        try (ActiveMQConnectionFactory connectionFactory = new ActiveMQConnectionFactory(broker.url());
             Connection connection = connectionFactory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Message message = session.createConsumer(session.createQueue(queue)).receive(deadline.toMillis());
            assertThat(message).as("a message on " + queue + " within " + deadline).isNotNull();
            check.check(message);
        }
    }

    /** A backend in {@code mode} on {@code broker}, publishing ContractEvents to {@code destination}. */
    static EventBackend open(EmbeddedArtemis broker, JmsConfig.Mode mode, String destination, Map<String, String> extra) {
        Map<String, String> keys = new HashMap<>(extra);
        keys.put(JmsConfig.URL, broker.url());
        keys.put(JmsConfig.MODE, mode.key());
        keys.put(DestinationNaming.OVERRIDE_PREFIX + ContractEvent.class.getSimpleName(), destination);
        return new JmsBackendProvider().open(EventportConfig.of(keys));
    }
}
