package io.stressflow.engine.model;

import java.util.Map;

/**
 * The {@code zeebe:taskDefinition} and {@code zeebe:taskHeaders} of a service task.
 *
 * @param type the job type: an expression or a static value.
 * @param retries the retries: an expression or a static value, default "3".
 * @param headers the custom headers, in document order.
 */
public record JobDefinition(String type, String retries, Map<String, String> headers) {
  /** Copies the headers. */
  public JobDefinition {
    headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
  }
}
