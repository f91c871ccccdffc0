/** The contract suite every eventport backend must pass, with the event types and report it uses. */
package dev.eventport.testkit.contract;
