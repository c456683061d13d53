package io.stressflow.engine.model;

/**
 * One {@code zeebe:input} or {@code zeebe:output} mapping.
 *
 * @param source the expression ({@code =...}) or static value.
 * @param target the variable name to set.
 */
public record Mapping(String source, String target) {}
