package dev.eventport.testkit.artemis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

class EmbeddedArtemisTest {

    @Test
    void persistentMessagesSurviveARestartOnTheSameDirectoryAndPort() throws Exception {
        try (EmbeddedArtemis broker = EmbeddedArtemis.start()) {
            String url = broker.url();
            Path directory = broker.directory();
            send(url, "restart-survivor", "kept");

            Duration down = broker.restart();

            assertThat(broker.url()).isEqualTo(url);
            assertThat(broker.directory()).isEqualTo(directory);
            assertThat(broker.messageCount("restart-survivor")).isEqualTo(1);
            assertThat(receive(url, "restart-survivor")).isEqualTo("kept");
            System.out.println("EmbeddedArtemis restart took " + down.toMillis() + " ms");
        }
    }

    @Test
    void closeDeletesTheDirectoryAndLeavesNoThreadBehind() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        long begin = System.nanoTime();
        EmbeddedArtemis broker = EmbeddedArtemis.start();
        long started = System.nanoTime();
        send(broker.url(), "close-cleans-up", "x");
        Path directory = broker.directory();
        assertThat(directory).isDirectory();

        long stopping = System.nanoTime();
        broker.close();
        broker.close();
        System.out.printf("EmbeddedArtemis start %d ms, close %d ms%n", (started - begin) / 1_000_000,
                (System.nanoTime() - stopping) / 1_000_000);

        assertThat(Files.exists(directory)).isFalse();
        assertThat(broker.isRunning()).isFalse();
        await().pollInSameThread().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> !before.contains(t) && t.isAlive() && !t.isDaemon())
                        .map(Thread::getName).collect(Collectors.toList())).isEmpty());
    }

    @Test
    void persistentAsynchronousSendsAreNotCappedByTheJournalBufferTimeout() throws Exception {
        int messages = 5_000;
        try (EmbeddedArtemis broker = EmbeddedArtemis.start();
             ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker.url())) {
            factory.setConfirmationWindowSize(1024 * 1024);
            try (Connection connection = factory.createConnection()) {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = session.createProducer(session.createQueue("throughput"));
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                CountDownLatch confirmed = new CountDownLatch(messages);
                AtomicReference<Exception> failure = new AtomicReference<>();
                CompletionListener listener = new CompletionListener() {
                    @Override
                    public void onCompletion(Message message) {
                        confirmed.countDown();
                    }

                    @Override
                    public void onException(Message message, Exception exception) {
                        failure.set(exception);
                        confirmed.countDown();
                    }
                };
                long begin = System.nanoTime();
                for (int i = 0; i < messages; i++) {
                    producer.send(session.createTextMessage("message " + i), listener);
                }
                assertThat(confirmed.await(60, TimeUnit.SECONDS)).isTrue();
                double seconds = (System.nanoTime() - begin) / 1e9;
                assertThat(failure.get()).isNull();
                assertThat(broker.messageCount("throughput")).isEqualTo(messages);
                System.out.printf("EmbeddedArtemis: %d persistent async sends confirmed in %.2f s (%.0f msg/s)%n",
                        messages, seconds, messages / seconds);
            }
        }
    }

    @ExtendWith(EmbeddedArtemisExtension.class)
    @org.junit.jupiter.api.Nested
    class AsAnExtension {

        @Test
        void injectsOneRunningBrokerSharedByTheWholeRun(EmbeddedArtemis first, EmbeddedArtemis second) throws Exception {
            assertThat(first).isSameAs(second);
            assertThat(first.isRunning()).isTrue();
            send(first.url(), "extension-queue", "hello");
            assertThat(receive(first.url(), "extension-queue")).isEqualTo("hello");
        }
    }

    private static void send(String url, String queueName, String text) throws Exception {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
             Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(queueName));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            producer.send(session.createTextMessage(text));
        }
    }

    private static String receive(String url, String queueName) throws Exception {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
             Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue(queueName);
            try (MessageConsumer consumer = session.createConsumer(queue)) {
                Message message = consumer.receive(10_000);
                return message == null ? null : ((TextMessage) message).getText();
            }
        }
    }
}
