/** Optional Micrometer metrics of any eventport backend, with the same meter names and tags on every backend. */
package dev.eventport.metrics.micrometer;
