/** Machine-local helpers of the broker and reliability tests: loopback ports, temporary directories, heap sampling and written run figures. */
package dev.eventport.testkit.local;
