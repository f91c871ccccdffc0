/** Test helpers for any eventport backend (the contract suite, embedded brokers and fault injection are in the subpackages). */
package dev.eventport.testkit;
