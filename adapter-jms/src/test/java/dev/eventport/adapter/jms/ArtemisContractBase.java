package dev.eventport.adapter.jms;

import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventportConfig;
import dev.eventport.testkit.artemis.EmbeddedArtemis;
import dev.eventport.testkit.artemis.EmbeddedArtemisExtension;
import dev.eventport.testkit.contract.EventBackendContract;
import dev.eventport.testkit.contract.RawSender;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/** The contract suite on the JVM's shared embedded Artemis broker, in one mode. */
@ExtendWith(EmbeddedArtemisExtension.class)
abstract class ArtemisContractBase extends EventBackendContract {

    private static final int RAW_BATCH = 500;

    private final EmbeddedArtemis broker;
    private final JmsConfig.Mode mode;

    ArtemisContractBase(EmbeddedArtemis broker, JmsConfig.Mode mode) {
        this.broker = broker;
        this.mode = mode;
    }

    @Override
    protected EventBackend openBackend(EventportConfig config) {
        return new JmsBackendProvider().open(config.with(Map.of(JmsConfig.URL, broker.url(), JmsConfig.MODE, mode.key())));
    }

    @Override
    protected String variant() {
        return mode.key();
    }

    /**
     * Plain JMS messages, committed in batches: a TextMessage when the body is valid UTF-8 (every other one), else
     * a BytesMessage, with every header as a string property named as eventport names it (or by the header's own
     * name when eventport has no mapping for it, which Artemis may refuse).
     */
    @Override
    protected Optional<RawSender> rawSender() {
        return Optional.of(new RawSender() {
            private Connection connection;
            private Session session;
            private MessageProducer producer;
            private int uncommitted;
            private int sent;

            @Override
            public void send(String destination, byte[] body, Map<String, String> headers) throws JMSException {
                if (connection == null) {
                    connection = new ActiveMQConnectionFactory(broker.url()).createConnection();
                    session = connection.createSession(true, Session.SESSION_TRANSACTED);
                    producer = session.createProducer(null);
                }
                String text = utf8(body);
                Message message;
                if (text != null && sent++ % 2 == 0) {
                    message = session.createTextMessage(text);
                } else {
                    BytesMessage bytes = session.createBytesMessage();
                    bytes.writeBytes(body);
                    message = bytes;
                }
                for (Map.Entry<String, String> header : headers.entrySet()) {
                    if (header.getKey().startsWith("_AMQ") || header.getKey().startsWith("__AMQ")) {
                        throw new IllegalArgumentException("'" + header.getKey() + "' is Artemis' own property (e.g. "
                                + "duplicate detection); the broker acts on it instead of delivering it");
                    }
                    try {
                        message.setStringProperty(wireName(header.getKey()), header.getValue());
                    } catch (JMSException | RuntimeException e) {
                        throw new IllegalArgumentException("JMS cannot carry property '" + header.getKey() + "': " + e, e);
                    }
                }
                producer.send(mode == JmsConfig.Mode.TOPIC ? session.createTopic(destination) : session.createQueue(destination),
                        message);
                if (++uncommitted == RAW_BATCH) {
                    flush();
                }
            }

            @Override
            public void flush() throws JMSException {
                if (session != null) {
                    session.commit();
                    uncommitted = 0;
                }
            }

            @Override
            public void close() throws JMSException {
                if (connection != null) {
                    connection.close();
                }
            }
        });
    }

    /** The property name eventport would use for the header, or the header's own name when it has none. */
    private static String wireName(String header) {
        try {
            return JmsWireFormat.propertyName(header);
        } catch (IllegalArgumentException notMappable) {
            return header;
        }
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Arrays.copyOf(body, body.length))).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
