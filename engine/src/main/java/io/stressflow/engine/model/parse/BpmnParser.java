package io.stressflow.engine.model.parse;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.stressflow.engine.model.ExecutableProcess;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads BPMN XML into {@link ExecutableProcess}es and rejects anything outside the supported
 * subset, naming the element id and kind.
 */
public final class BpmnParser {

  /**
   * Parses every executable process of one resource.
   *
   * @param resourceName the resource name, for messages.
   * @param xml the BPMN XML.
   * @return the processes, in document order.
   * @throws DeploymentRejectedException if the resource is malformed or unsupported.
   */
  public List<ExecutableProcess> parse(final String resourceName, final byte[] xml) {
    final BpmnModelInstance model;
    try {
      model = Bpmn.readModelFromStream(new ByteArrayInputStream(xml));
    } catch (final RuntimeException e) {
      throw new DeploymentRejectedException(
          "Expected to deploy resource '%s' as BPMN, but it could not be read: %s"
              .formatted(resourceName, rootMessage(e)));
    }
    final List<ExecutableProcess> processes = new ArrayList<>();
    final List<String> problems = new ArrayList<>();
    for (final Process process : model.getModelElementsByType(Process.class)) {
      if (process.isExecutable()) {
        processes.add(new ProcessReader(process, problems).read());
      }
    }
    if (processes.isEmpty() && problems.isEmpty()) {
      problems.add("it contains no executable process");
    }
    if (!problems.isEmpty()) {
      throw new DeploymentRejectedException(
          "Expected to deploy resource '%s', but %s"
              .formatted(resourceName, String.join("; ", problems)));
    }
    return processes;
  }

  /**
   * Returns the XML of a resource as text.
   *
   * @param xml the bytes.
   * @return the text.
   */
  public static String text(final byte[] xml) {
    return new String(xml, StandardCharsets.UTF_8);
  }

  private static String rootMessage(final Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
