package io.stressflow.engine.processing.behavior;

import com.fasterxml.jackson.databind.JsonNode;
import io.stressflow.engine.expression.ExpressionEvaluator.Evaluation;
import io.stressflow.engine.model.FlowNode;
import io.stressflow.engine.model.JobDefinition;
import io.stressflow.engine.processing.BpmnProcessor;
import io.stressflow.engine.processing.CommandRejectedException;
import io.stressflow.engine.processing.ErrorType;
import io.stressflow.engine.processing.Failure;
import io.stressflow.engine.processing.RejectionType;
import io.stressflow.engine.processing.Result;
import io.stressflow.engine.state.ElementInstance;
import io.stressflow.engine.state.Incident;
import io.stressflow.engine.state.Job;
import io.stressflow.engine.state.ProcessInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Jobs of service tasks: creation, activation, completion, failure, lease expiry. */
public final class JobBehavior {
  private final BpmnProcessor processor;

  /**
   * Creates the behaviour.
   *
   * @param processor the processor.
   */
  public JobBehavior(final BpmnProcessor processor) {
    this.processor = processor;
  }

  /**
   * Creates the job of a service task instance.
   *
   * @param instance the element instance.
   * @param node the service task.
   * @return ok, or the failure of the type or retries expression.
   */
  public Result create(final ElementInstance instance, final FlowNode node) {
    final JobDefinition definition = node.job();
    final Map<String, JsonNode> variables = processor.variables().visible(instance.key);
    final Evaluation type = processor.evaluator().evaluate(definition.type(), variables);
    if (type instanceof Evaluation.Failed failed) {
      return Result.failed(failed.message(), ErrorType.EXTRACT_VALUE_ERROR);
    }
    final Evaluation retries = processor.evaluator().evaluate(definition.retries(), variables);
    if (retries instanceof Evaluation.Failed failed) {
      return Result.failed(failed.message(), ErrorType.EXTRACT_VALUE_ERROR);
    }
    final JsonNode typeValue = ((Evaluation.Value) type).value();
    final JsonNode retriesValue = ((Evaluation.Value) retries).value();
    if (!typeValue.isTextual() || typeValue.asText().isBlank()) {
      return Result.failed(
          "Expected the job type of '%s' to be a non-empty string, but was '%s'"
              .formatted(node.id(), typeValue),
          ErrorType.EXTRACT_VALUE_ERROR);
    }
    final int retryCount = retriesValue.isNumber() ? retriesValue.asInt() : parse(retriesValue);
    if (retryCount < 0) {
      return Result.failed(
          "Expected the retries of '%s' to be a number, but was '%s'"
              .formatted(node.id(), retriesValue),
          ErrorType.EXTRACT_VALUE_ERROR);
    }
    final ProcessInstance process =
        processor.state().processInstances().get(instance.processInstanceKey);
    final Job job = new Job();
    job.key = processor.state().nextKey();
    job.type = typeValue.asText();
    job.retries = retryCount;
    job.elementInstanceKey = instance.key;
    job.processInstanceKey = instance.processInstanceKey;
    job.processDefinitionKey = instance.processDefinitionKey;
    job.bpmnProcessId = process.bpmnProcessId;
    job.processDefinitionVersion = process.version;
    job.elementId = node.id();
    job.customHeaders.putAll(definition.headers());
    job.tenantId = process.tenantId;
    processor.state().jobs().put(job);
    processor.signals().jobTypes().add(job.type);
    return Result.ok();
  }

  private static int parse(final JsonNode value) {
    try {
      return Integer.parseInt(value.asText().trim());
    } catch (final NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Removes the jobs of an element instance (it is being terminated).
   *
   * @param elementInstanceKey the element instance.
   */
  public void cancelFor(final long elementInstanceKey) {
    for (final Job job : processor.state().jobs().values()) {
      if (job.elementInstanceKey == elementInstanceKey) {
        processor.state().jobs().remove(job.key);
      }
    }
  }

  /**
   * Leases up to {@code max} activatable jobs of a type to a worker.
   *
   * @param type the job type.
   * @param worker the worker name.
   * @param timeoutMillis the lease duration.
   * @param max the maximum number of jobs.
   * @return the activated jobs.
   */
  public List<Job> activate(
      final String type, final String worker, final long timeoutMillis, final int max) {
    final long now = processor.now();
    final List<Job> activated = new ArrayList<>();
    for (final long key : processor.state().jobs().activatable(type)) {
      if (activated.size() >= max) {
        break;
      }
      final Job job = processor.state().jobs().get(key);
      if (job.retryAt <= now) {
        activated.add(job);
      }
    }
    for (final Job job : activated) {
      job.state = Job.State.ACTIVATED;
      job.worker = worker == null ? "" : worker;
      job.deadline = now + timeoutMillis;
      processor.state().jobs().put(job);
    }
    return activated;
  }

  /**
   * Completes a job and, with it, its service task.
   *
   * @param key the job key.
   * @param variables the variables to apply.
   */
  public void complete(final long key, final Map<String, JsonNode> variables) {
    final Job job = require(key, "COMPLETE");
    if (job.state != Job.State.ACTIVATED && job.state != Job.State.ACTIVATABLE) {
      throw invalidState(job, "COMPLETE", "complete");
    }
    processor.state().jobs().remove(job.key);
    final ElementInstance instance = processor.state().elements().get(job.elementInstanceKey);
    processor.variables().applyEventVariables(instance, processor.node(instance), variables);
    processor.complete(instance);
  }

  /**
   * Fails a job: back to the workers after the back-off, or an incident without retries.
   *
   * @param key the job key.
   * @param retries the retries left.
   * @param errorMessage the worker's message.
   * @param backOffMillis the retry back-off.
   * @param variables variables to set locally on the task.
   */
  public void fail(
      final long key,
      final int retries,
      final String errorMessage,
      final long backOffMillis,
      final Map<String, JsonNode> variables) {
    final Job job = require(key, "FAIL");
    if (job.state != Job.State.ACTIVATED && job.state != Job.State.ACTIVATABLE) {
      throw invalidState(job, "FAIL", "fail");
    }
    processor.variables().setLocal(job.elementInstanceKey, job.processInstanceKey, variables);
    job.retries = retries;
    job.errorMessage = errorMessage == null ? "" : errorMessage;
    job.worker = "";
    job.deadline = -1;
    if (retries > 0) {
      job.state = Job.State.ACTIVATABLE;
      job.retryAt = processor.now() + Math.max(0, backOffMillis);
      if (backOffMillis <= 0) {
        processor.signals().jobTypes().add(job.type);
      }
    } else {
      job.state = Job.State.FAILED;
      final String message =
          job.errorMessage.isEmpty() ? "No more retries left." : job.errorMessage;
      processor.incidents().raise(job, new Failure(message, ErrorType.JOB_NO_RETRIES));
    }
    processor.state().jobs().put(job);
  }

  /**
   * Throws a BPMN error from a job; it is caught by a boundary or event sub-process, or becomes an
   * incident.
   *
   * @param key the job key.
   * @param errorCode the error code.
   * @param errorMessage the message.
   * @param variables variables for the catching event.
   */
  public void throwError(
      final long key,
      final String errorCode,
      final String errorMessage,
      final Map<String, JsonNode> variables) {
    final Job job = require(key, "THROW_ERROR");
    if (job.state != Job.State.ACTIVATED && job.state != Job.State.ACTIVATABLE) {
      throw invalidState(job, "THROW_ERROR", "throw an error for");
    }
    final ElementInstance instance = processor.state().elements().get(job.elementInstanceKey);
    if (processor.errors().tryCatch(instance, errorCode, variables)) {
      processor.state().jobs().remove(job.key);
      return;
    }
    job.state = Job.State.ERROR_THROWN;
    job.errorCode = errorCode;
    job.errorMessage = errorMessage == null ? "" : errorMessage;
    processor.state().jobs().put(job);
    processor
        .incidents()
        .raise(
            job,
            new Failure(
                "Expected to throw an error event with the code '%s' with message '%s', but it"
                        .formatted(errorCode, job.errorMessage)
                    + " was not caught. No error events are available in the scope.",
                ErrorType.UNHANDLED_ERROR_EVENT));
  }

  /**
   * Updates the retries and/or the lease timeout of a job.
   *
   * @param key the job key.
   * @param retries new retries, or null.
   * @param timeoutMillis new lease duration from now, or null.
   */
  public void update(final long key, final Integer retries, final Long timeoutMillis) {
    final Job job = require(key, "UPDATE");
    if (retries != null) {
      if (retries < 1) {
        throw new CommandRejectedException(
            "UPDATE_RETRIES",
            RejectionType.INVALID_ARGUMENT,
            "Expected retries to be greater than zero, but it was " + retries);
      }
      job.retries = retries;
    }
    if (timeoutMillis != null) {
      if (job.state != Job.State.ACTIVATED) {
        throw invalidState(job, "UPDATE_TIMEOUT", "update the timeout of");
      }
      job.deadline = processor.now() + timeoutMillis;
    }
    processor.state().jobs().put(job);
  }

  /**
   * Makes a job whose incident is resolved activatable again.
   *
   * @param incident the resolved incident.
   */
  public void onIncidentResolved(final Incident incident) {
    final Job job = processor.state().jobs().get(incident.jobKey);
    if (job == null) {
      return;
    }
    job.state = Job.State.ACTIVATABLE;
    job.retryAt = 0;
    processor.state().jobs().put(job);
    processor.signals().jobTypes().add(job.type);
  }

  /**
   * Gives back jobs whose lease expired and announces jobs whose back-off ended.
   *
   * @param previousCheck the engine time of the previous check.
   */
  public void expireLeases(final long previousCheck) {
    final long now = processor.now();
    for (final Job job : processor.state().jobs().view()) {
      if (job.state == Job.State.ACTIVATED && job.deadline <= now) {
        job.state = Job.State.ACTIVATABLE;
        job.worker = "";
        job.deadline = -1;
        processor.state().jobs().put(job);
        processor.signals().jobTypes().add(job.type);
      } else if (job.state == Job.State.ACTIVATABLE
          && job.retryAt > previousCheck
          && job.retryAt <= now) {
        processor.signals().jobTypes().add(job.type);
      }
    }
  }

  private Job require(final long key, final String intent) {
    final Job job = processor.state().jobs().get(key);
    if (job == null) {
      throw new CommandRejectedException(
          intent,
          RejectionType.NOT_FOUND,
          "Expected to %s job with key '%d', but no such job was found"
              .formatted(intent.toLowerCase(java.util.Locale.ROOT).replace('_', ' '), key));
    }
    return job;
  }

  private static CommandRejectedException invalidState(
      final Job job, final String intent, final String verb) {
    return new CommandRejectedException(
        intent,
        RejectionType.INVALID_STATE,
        "Expected to %s job with key '%d', but it is in state '%s'"
            .formatted(verb, job.key, job.state));
  }
}
