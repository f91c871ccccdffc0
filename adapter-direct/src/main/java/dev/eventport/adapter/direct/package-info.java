/** The direct backend: publishing calls every subscribed handler in the publisher's thread, like the system before any broker. */
package dev.eventport.adapter.direct;
