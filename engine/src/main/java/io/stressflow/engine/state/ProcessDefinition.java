package io.stressflow.engine.state;

/**
 * A deployed process definition: one version of one BPMN process id.
 *
 * @param key the process definition key.
 * @param bpmnProcessId the BPMN process id.
 * @param version the version per process id, starting at 1.
 * @param resourceName the name of the deployed resource.
 * @param deploymentKey the key of the deployment that created this version.
 * @param xml the BPMN XML of the whole resource.
 * @param tenantId the tenant.
 */
public record ProcessDefinition(
    long key,
    String bpmnProcessId,
    int version,
    String resourceName,
    long deploymentKey,
    String xml,
    String tenantId)
    implements Entity {}
