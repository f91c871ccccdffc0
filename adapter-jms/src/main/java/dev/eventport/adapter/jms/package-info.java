/** The JMS backend: domain events as persistent JSON messages on a Jakarta Messaging 3.1 broker such as ActiveMQ Artemis. */
package dev.eventport.adapter.jms;
