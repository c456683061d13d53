package io.stressflow.engine.processing;

/**
 * An expected processing failure; it becomes an incident.
 *
 * @param message what went wrong, in "Expected to …, but …" form.
 * @param errorType the incident type.
 */
public record Failure(String message, ErrorType errorType) {}
