/** The ports through which an application publishes domain events and reacts to them, whatever backend carries them. */
package dev.eventport.ports;
