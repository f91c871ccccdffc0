/** The benchmark runner: settings, the one main class, and the report it prints and writes. */
package dev.eventport.benchmarks;
