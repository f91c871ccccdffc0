/** eventport's broker adapters against the brokers' plain clients, in one JVM on the same embedded broker. */
package dev.eventport.benchmarks.brokers;
