/** The in-memory backend: an asynchronous in-process bus with partitions, consumer groups, a retained log and backpressure. */
package dev.eventport.adapter.inmemory;
