/** Idempotent consumption: a handler decorator that skips events a subscription already processed, over a pluggable store. */
package dev.eventport.ports.idempotency;
