package io.stressflow.engine.state;

/**
 * A deployed Camunda form (a {@code .form} resource), linked from user tasks by form id.
 *
 * @param key the form key.
 * @param formId the form id (the {@code id} in the form JSON).
 * @param version the version per form id, starting at 1.
 * @param resourceName the name of the deployed resource.
 * @param deploymentKey the key of the deployment that created this version.
 * @param schema the form JSON.
 * @param tenantId the tenant.
 */
public record FormDefinition(
    long key,
    String formId,
    int version,
    String resourceName,
    long deploymentKey,
    String schema,
    String tenantId)
    implements Entity {}
