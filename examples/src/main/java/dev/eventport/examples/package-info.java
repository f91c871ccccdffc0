/** Runnable examples: the store demo that runs unchanged on whichever backend the configuration names. */
package dev.eventport.examples;
