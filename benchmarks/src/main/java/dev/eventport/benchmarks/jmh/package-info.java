/** JMH benchmarks of the in-process backends against plain method calls and a queue hand-off. */
package dev.eventport.benchmarks.jmh;
