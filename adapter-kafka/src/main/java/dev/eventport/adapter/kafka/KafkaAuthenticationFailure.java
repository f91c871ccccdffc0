package dev.eventport.adapter.kafka;

import dev.eventport.ports.ConfigurationException;
import dev.eventport.ports.EventportConfig;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/**
 * Turns a Kafka {@link AuthenticationException} anywhere in a failure's causes into a {@link ConfigurationException}
 * that says which user failed to authenticate at which cluster and which eventport key to fix, without the password.
 */
final class KafkaAuthenticationFailure {

    private static final String JAAS = "sasl.jaas.config";
    private static final Pattern QUOTED_USER = Pattern.compile("username\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern QUOTED_PASSWORD = Pattern.compile("password\\s*=\\s*\"([^\"]*)\"");

    private KafkaAuthenticationFailure() {
    }

    /** The clear error for {@code failure} if it (or a cause) is an authentication failure; empty otherwise. */
    static Optional<ConfigurationException> of(Throwable failure, KafkaConfig config) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AuthenticationException authentication) {
                return Optional.of(describe(authentication, config));
            }
        }
        return Optional.empty();
    }

    private static ConfigurationException describe(AuthenticationException failure, KafkaConfig config) {
        EventportConfig source = config.source();
        // whole secret values are masked by secretFree; the password inside a JAAS value is masked below
        String kafkaMessage = config.secretFree(String.valueOf(failure.getMessage()));
        String fix;
        String who;
        if (failure instanceof SslAuthenticationException) {
            who = "this client";
            fix = "Check the " + KafkaConfig.PREFIX + "ssl.* keys (trust store, key store and their passwords) against the "
                    + "cluster's certificates.";
        } else {
            String jaasKey = jaasKey(source);
            String jaas = jaasKey == null ? "" : source.get(jaasKey).orElse("");
            Matcher user = QUOTED_USER.matcher(jaas);
            who = user.find() ? "user '" + user.group(1) + "'" : "this client";
            Matcher password = QUOTED_PASSWORD.matcher(jaas);
            if (password.find() && !password.group(1).isEmpty()) {
                kafkaMessage = kafkaMessage.replace(password.group(1), "****");
            }
            String mechanism = source.get(KafkaConfig.PREFIX + "sasl.mechanism").orElse("GSSAPI (Kafka's default)");
            fix = jaasKey == null
                    ? "Set the user and password in " + KafkaConfig.PREFIX + JAAS + " (and " + KafkaConfig.PREFIX
                            + "security.protocol, " + KafkaConfig.PREFIX + "sasl.mechanism) as the cluster expects."
                    : "Check the user name and password in " + jaasKey + " (from " + source.sourceOf(jaasKey) + ") and the SASL mechanism "
                            + mechanism + " (" + KafkaConfig.PREFIX + "sasl.mechanism) against the cluster's users.";
        }
        return new ConfigurationException("Kafka authentication failed for " + who + " at " + config.bootstrapServers() + ": "
                + kafkaMessage + ". " + fix + " Retrying does not help until the credentials are fixed.", failure);
    }

    /** The key that holds the JAAS configuration (shared or client-specific), or null. */
    private static String jaasKey(EventportConfig source) {
        for (String prefix : new String[] {KafkaConfig.PREFIX, KafkaConfig.ADMIN_PREFIX, KafkaConfig.PRODUCER_PREFIX,
                KafkaConfig.CONSUMER_PREFIX}) {
            if (source.get(prefix + JAAS).isPresent()) {
                return prefix + JAAS;
            }
        }
        return null;
    }
}
