/** The service-provider interface a backend implements to be found by {@link dev.eventport.ports.MessagingBackends}, and shared helpers for backend authors. */
package dev.eventport.ports.spi;
