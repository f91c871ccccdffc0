/** eventport's module boundaries as ArchUnit rules, for this build's tests and for users' own architecture tests. */
package dev.eventport.testkit.architecture;
