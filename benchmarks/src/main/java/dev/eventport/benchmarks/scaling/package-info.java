/** How eventport scales: Kafka consume throughput per partition count, and checkout latency per consumer count. */
package dev.eventport.benchmarks.scaling;
