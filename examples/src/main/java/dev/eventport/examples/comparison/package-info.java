/** The comparison ("should I use Kafka?"): the same store workload measured on every backend, reported side by side with a verdict. */
package dev.eventport.examples.comparison;
