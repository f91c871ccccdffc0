/** The seven downstream services that react to OrderCreated, each idempotent, with observable state and configurable latency and failures. */
package dev.eventport.examples.store.consumers;
