/**
 * Exactly-once messages to the workflow engine: a durable outbox written in the same transaction as
 * the state each message announces, and a relay that sends every row with its stable message id
 * until the engine has acknowledged it.
 */
package io.stressflow.workflows.outbox;
