/** The Apache Kafka backend: events on partitioned, retained topics through kafka-clients, with consumer groups, replay, lag and dead-letter topics. */
package dev.eventport.adapter.kafka;
