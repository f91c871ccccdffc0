/** The store's domain facts ({@link dev.eventport.domain.OrderCreated}) and the {@link dev.eventport.domain.DomainEvent} contract, using only the JDK. */
package dev.eventport.domain;
