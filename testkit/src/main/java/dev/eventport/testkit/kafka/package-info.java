/** Real Apache Kafka inside the test JVM (KRaft): a single broker, optionally with SCRAM authentication, and a cluster of several nodes, as plain objects and as JUnit extensions. */
package dev.eventport.testkit.kafka;
