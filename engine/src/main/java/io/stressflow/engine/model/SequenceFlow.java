package io.stressflow.engine.model;

/**
 * A sequence flow between two flow nodes of the same scope.
 *
 * @param id the flow id.
 * @param sourceId the id of the source node.
 * @param targetId the id of the target node.
 * @param condition the condition expression ({@code =...}), or null if unconditional.
 */
public record SequenceFlow(String id, String sourceId, String targetId, String condition) {}
