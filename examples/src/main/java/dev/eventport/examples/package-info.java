/** Runnable examples: the store demo that runs unchanged on whichever backend the configuration names, with the brokers it needs. */
package dev.eventport.examples;
