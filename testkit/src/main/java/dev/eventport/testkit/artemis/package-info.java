/** A real ActiveMQ Artemis broker embedded in the test JVM, as a plain start/stop object and as a JUnit 5 extension. */
package dev.eventport.testkit.artemis;
