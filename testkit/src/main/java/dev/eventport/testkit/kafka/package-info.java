/** A real single-node Apache Kafka broker (KRaft, broker and controller in one) inside the test JVM, as a plain object and as a JUnit 5 extension. */
package dev.eventport.testkit.kafka;
