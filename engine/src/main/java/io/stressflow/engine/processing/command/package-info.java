/**
 * The commands the REST layer sends: each validates first (rejecting with a {@link
 * io.stressflow.engine.processing.CommandRejectedException} before anything changes), then acts.
 */
package io.stressflow.engine.processing.command;
