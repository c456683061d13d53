package io.stressflow.workflows.workflow;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.api.worker.JobWorker;
import io.stressflow.chamber.ChamberException;
import io.stressflow.chamber.Setpoint;
import io.stressflow.workflows.profile.ProfileService;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Job workers for the chamber's service tasks. They are adapters: read the task's headers and
 * variables, call {@link ProfileService}, complete or fail the job. No business rules live here,
 * and a job that arrives twice (an expired lease) just writes the same setpoint again.
 *
 * <ul>
 *   <li>{@code chamber.setpoint}: headers {@code temperature} (°C), optional {@code rampRate}
 *       (K/min) and {@code tolerance} (K, default 1.0). Completes when the air is inside the band.
 *   <li>{@code chamber.soak}: header {@code duration} (ISO-8601, profile time).
 * </ul>
 */
@Component
class ChamberJobWorkers {

  static final String SETPOINT = "chamber.setpoint";
  static final String SOAK = "chamber.soak";
  private static final Logger log = LoggerFactory.getLogger(ChamberJobWorkers.class);

  private final CamundaClient client;
  private final ProfileService profiles;
  private final CamundaProperties properties;
  private final List<JobWorker> workers = new ArrayList<>();

  ChamberJobWorkers(CamundaClient client, ProfileService profiles, CamundaProperties properties) {
    this.client = client;
    this.profiles = profiles;
    this.properties = properties;
  }

  void open() {
    workers.add(open(SETPOINT, this::setpoint));
    workers.add(open(SOAK, this::soak));
  }

  void close() {
    workers.forEach(JobWorker::close);
    workers.clear();
  }

  private JobWorker open(String type, io.camunda.client.api.worker.JobHandler handler) {
    return client
        .newWorker()
        .jobType(type)
        .handler(handler)
        .name("stressflow")
        .timeout(properties.workerTimeout())
        .open();
  }

  private void setpoint(JobClient jobs, ActivatedJob job) {
    Map<String, String> headers = job.getCustomHeaders();
    Setpoint setpoint;
    double tolerance;
    try {
      setpoint =
          new Setpoint(
              number(headers, "temperature", null),
              optionalNumber(headers, "rampRate"),
              optionalNumber(headers, "humidity"));
      tolerance = number(headers, "tolerance", 1.0);
    } catch (IllegalArgumentException e) {
      modelError(job, e.getMessage());
      return;
    }
    profiles
        .rampTo(campaignId(job), setpoint, tolerance)
        .whenComplete(
            (reached, failure) -> {
              if (failure != null) {
                chamberFault(job, failure);
              } else {
                complete(job, Map.of("airTemperature", reached.airTemperature()));
              }
            });
  }

  private void soak(JobClient jobs, ActivatedJob job) {
    Duration duration;
    try {
      String text = job.getCustomHeaders().get("duration");
      if (text == null) {
        throw new IllegalArgumentException("header 'duration' is missing");
      }
      duration = Duration.parse(text);
    } catch (DateTimeParseException | IllegalArgumentException e) {
      modelError(
          job, "header 'duration' must be an ISO-8601 duration such as PT30M: " + e.getMessage());
      return;
    }
    profiles
        .soak(campaignId(job), duration)
        .whenComplete(
            (soaked, failure) -> {
              if (failure != null) {
                chamberFault(job, failure);
              } else {
                complete(job, Map.of("soakMinAir", soaked.minAir(), "soakMaxAir", soaked.maxAir()));
              }
            });
  }

  private void complete(ActivatedJob job, Map<String, Object> variables) {
    client.newCompleteCommand(job.getKey()).variables(variables).send();
  }

  /** The BPMN itself is wrong: retrying cannot help, so raise an incident at once. */
  private void modelError(ActivatedJob job, String message) {
    String text = "Task '%s': %s".formatted(job.getElementId(), message);
    log.error(text);
    client.newFailCommand(job.getKey()).retries(0).errorMessage(text).send();
  }

  private void chamberFault(ActivatedJob job, Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    String text =
        (cause instanceof ChamberException ? "Chamber fault: " : "Unexpected failure: ")
            + cause.getMessage();
    log.warn("Task '{}' of instance {}: {}", job.getElementId(), job.getProcessInstanceKey(), text);
    // 30 s back-off: a chamber that dropped off the network often comes back
    client
        .newFailCommand(job.getKey())
        .retries(Math.max(0, job.getRetries() - 1))
        .retryBackoff(Duration.ofSeconds(30))
        .errorMessage(text)
        .send();
  }

  private static String campaignId(ActivatedJob job) {
    Object id = job.getVariablesAsMap().get("campaignId");
    return id == null ? "instance-" + job.getProcessInstanceKey() : id.toString();
  }

  private static double number(Map<String, String> headers, String name, Double fallback) {
    String value = headers.get(name);
    if (value == null) {
      if (fallback == null) {
        throw new IllegalArgumentException("header '" + name + "' is missing");
      }
      return fallback;
    }
    try {
      return Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "header '" + name + "' must be a number, but was '" + value + "'");
    }
  }

  private static Double optionalNumber(Map<String, String> headers, String name) {
    return headers.containsKey(name) ? number(headers, name, null) : null;
  }
}
