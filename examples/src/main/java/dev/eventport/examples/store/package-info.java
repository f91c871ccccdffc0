/** The store's checkout: validates a cart, saves the order, charges payment, then publishes one OrderCreated. */
package dev.eventport.examples.store;
