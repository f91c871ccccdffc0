/** Seeded, reproducible fault injection around any eventport backend: duplicates, crashes, delays and publish failures. */
package dev.eventport.testkit.chaos;
