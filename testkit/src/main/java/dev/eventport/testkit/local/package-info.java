/** Loopback ports and temporary directories for the embedded brokers, shared so that each broker does not carry its own copy. */
package dev.eventport.testkit.local;
