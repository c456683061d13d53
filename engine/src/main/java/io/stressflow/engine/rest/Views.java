package io.stressflow.engine.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stressflow.engine.state.ElementInstance;
import io.stressflow.engine.state.FormDefinition;
import io.stressflow.engine.state.Incident;
import io.stressflow.engine.state.Job;
import io.stressflow.engine.state.ProcessDefinition;
import io.stressflow.engine.state.ProcessInstance;
import io.stressflow.engine.state.UserTask;
import io.stressflow.engine.state.Variable;
import java.util.Map;

/** Engine state as the JSON shapes of Camunda's API (keys as strings, ISO-8601 dates). */
final class Views {
  private Views() {}

  /** The root process instance of an instance (itself unless it was called by another). */
  static long root(final io.stressflow.engine.processing.BpmnProcessor p, final long instanceKey) {
    final ProcessInstance instance = p.state().processInstances().get(instanceKey);
    return instance == null ? instanceKey : instance.rootProcessInstanceKey;
  }

  static ObjectNode processInstance(
      final ProcessInstance instance, final boolean hasIncident, final String processName) {
    final ObjectNode node = Json.object();
    node.put("processInstanceKey", Json.key(instance.key));
    node.put("processDefinitionKey", Json.key(instance.processDefinitionKey));
    node.put("processDefinitionId", instance.bpmnProcessId);
    node.put("processDefinitionName", processName);
    node.put("processDefinitionVersion", instance.version);
    node.putNull("processDefinitionVersionTag");
    node.put("state", instance.state.name());
    node.put("startDate", Json.date(instance.startDate));
    if (instance.state != ProcessInstance.State.ACTIVE) {
      node.put("endDate", Json.date(instance.endDate));
    } else {
      node.putNull("endDate");
    }
    node.put("hasIncident", hasIncident);
    node.put("tenantId", instance.tenantId);
    instance.tags.forEach(node.putArray("tags")::add);
    if (instance.parentProcessInstanceKey >= 0) {
      node.put("parentProcessInstanceKey", Json.key(instance.parentProcessInstanceKey));
      node.put("parentElementInstanceKey", Json.key(instance.parentElementInstanceKey));
    } else {
      // required but nullable in Camunda's schema: present as null, not left out
      node.putNull("parentProcessInstanceKey");
      node.putNull("parentElementInstanceKey");
    }
    node.put("rootProcessInstanceKey", Json.key(instance.rootProcessInstanceKey));
    node.put("businessId", instance.businessId);
    return node;
  }

  static ObjectNode createdInstance(
      final ProcessInstance instance, final Map<String, JsonNode> variables) {
    final ObjectNode node = Json.object();
    node.put("processInstanceKey", Json.key(instance.key));
    node.put("processDefinitionKey", Json.key(instance.processDefinitionKey));
    node.put("processDefinitionId", instance.bpmnProcessId);
    node.put("processDefinitionVersion", instance.version);
    node.put("tenantId", instance.tenantId);
    final ObjectNode vars = node.putObject("variables");
    variables.forEach(vars::set);
    instance.tags.forEach(node.putArray("tags")::add);
    node.put("businessId", instance.businessId);
    return node;
  }

  static ObjectNode processDefinition(final ProcessDefinition definition) {
    final ObjectNode node = Json.object();
    node.put("processDefinitionId", definition.bpmnProcessId());
    node.put("processDefinitionVersion", definition.version());
    node.put("processDefinitionKey", Json.key(definition.key()));
    node.put("resourceName", definition.resourceName());
    node.put("tenantId", definition.tenantId());
    return node;
  }

  static ObjectNode deployedForm(final FormDefinition form) {
    final ObjectNode node = Json.object();
    node.put("formId", form.formId());
    node.put("version", form.version());
    node.put("resourceName", form.resourceName());
    node.put("tenantId", form.tenantId());
    node.put("formKey", Json.key(form.key()));
    return node;
  }

  static ObjectNode form(final FormDefinition form) {
    final ObjectNode node = Json.object();
    node.put("formKey", Json.key(form.key()));
    node.put("formId", form.formId());
    node.put("version", form.version());
    node.put("schema", form.schema());
    node.put("tenantId", form.tenantId());
    return node;
  }

  static ObjectNode processDefinitionResult(final ProcessDefinition definition, final String name) {
    final ObjectNode node = Json.object();
    node.put("processDefinitionKey", Json.key(definition.key()));
    node.put("processDefinitionId", definition.bpmnProcessId());
    node.put("name", name);
    node.put("resourceName", definition.resourceName());
    node.put("version", definition.version());
    node.putNull("versionTag");
    node.put("tenantId", definition.tenantId());
    node.put("hasStartForm", false);
    return node;
  }

  static ObjectNode elementInstance(
      final ElementInstance instance,
      final ProcessInstance process,
      final boolean hasIncident,
      final String elementName) {
    final ObjectNode node = Json.object();
    node.put("elementInstanceKey", Json.key(instance.key));
    node.put("processInstanceKey", Json.key(instance.processInstanceKey));
    node.put("rootProcessInstanceKey", Json.key(process.rootProcessInstanceKey));
    node.put("processDefinitionKey", Json.key(instance.processDefinitionKey));
    node.put("processDefinitionId", process.bpmnProcessId);
    node.put("elementId", instance.elementId);
    node.put("elementName", elementName);
    node.put("type", instance.elementType);
    node.put("state", "ACTIVE");
    node.put("startDate", Json.date(instance.startDate));
    node.putNull("endDate");
    node.put("hasIncident", hasIncident);
    node.putNull("incidentKey");
    node.put("tenantId", process.tenantId);
    return node;
  }

  /**
   * A job as the job search returns it. The engine keeps open jobs only: created (waiting or
   * leased), failed with retries left (waiting for its back-off), failed without retries, or with
   * an uncaught error (both with an incident).
   */
  static ObjectNode job(final Job job, final long rootProcessInstanceKey) {
    final ObjectNode node = Json.object();
    node.put("jobKey", Json.key(job.key));
    node.put("type", job.type);
    node.put("worker", job.worker);
    final boolean failedWithRetries =
        job.state == Job.State.ACTIVATABLE
            && job.errorMessage != null
            && !job.errorMessage.isEmpty();
    node.put(
        "state",
        switch (job.state) {
          case ACTIVATABLE, ACTIVATED -> failedWithRetries ? "FAILED" : "CREATED";
          case FAILED -> "FAILED";
          case ERROR_THROWN -> "ERROR_THROWN";
        });
    node.put("kind", "BPMN_ELEMENT");
    node.put("listenerEventType", "UNSPECIFIED");
    node.put("retries", job.retries);
    node.put("isDenied", false);
    node.putNull("deniedReason");
    node.put("hasFailedWithRetriesLeft", failedWithRetries);
    node.put("errorCode", job.errorCode == null || job.errorCode.isEmpty() ? null : job.errorCode);
    node.put(
        "errorMessage",
        job.errorMessage == null || job.errorMessage.isEmpty() ? null : job.errorMessage);
    final ObjectNode headers = node.putObject("customHeaders");
    job.customHeaders.forEach(headers::put);
    if (job.deadline >= 0) {
      node.put("deadline", Json.date(job.deadline));
    } else {
      node.putNull("deadline");
    }
    node.putNull("endTime");
    node.putNull("creationTime");
    node.putNull("lastUpdateTime");
    node.put("processDefinitionId", job.bpmnProcessId);
    node.put("processDefinitionKey", Json.key(job.processDefinitionKey));
    node.put("processInstanceKey", Json.key(job.processInstanceKey));
    node.put("rootProcessInstanceKey", Json.key(rootProcessInstanceKey));
    node.put("elementId", job.elementId);
    node.put("elementInstanceKey", Json.key(job.elementInstanceKey));
    node.put("tenantId", job.tenantId);
    return node;
  }

  /** A completed or terminated element instance, as the element-instance search returns it. */
  static ObjectNode endedElement(
      final io.stressflow.engine.state.EndedElement ended,
      final ProcessInstance process,
      final String elementName) {
    final ObjectNode node = Json.object();
    node.put("elementInstanceKey", Json.key(ended.key));
    node.put("processInstanceKey", Json.key(ended.processInstanceKey));
    node.put(
        "rootProcessInstanceKey",
        Json.key(process == null ? ended.processInstanceKey : process.rootProcessInstanceKey));
    node.put("processDefinitionKey", Json.key(ended.processDefinitionKey));
    node.put("processDefinitionId", process == null ? null : process.bpmnProcessId);
    node.put("elementId", ended.elementId);
    node.put("elementName", elementName);
    node.put("type", ended.elementType);
    node.put("state", ended.state);
    node.put("startDate", Json.date(ended.startDate));
    node.put("endDate", Json.date(ended.endDate));
    node.put("hasIncident", false);
    node.putNull("incidentKey");
    node.put("tenantId", process == null ? "<default>" : process.tenantId);
    return node;
  }

  static ObjectNode activatedJob(
      final Job job, final Map<String, JsonNode> variables, final long rootProcessInstanceKey) {
    final ObjectNode node = Json.object();
    node.put("jobKey", Json.key(job.key));
    node.put("type", job.type);
    node.put("worker", job.worker);
    node.put("processInstanceKey", Json.key(job.processInstanceKey));
    node.put("rootProcessInstanceKey", Json.key(rootProcessInstanceKey));
    node.put("processDefinitionKey", Json.key(job.processDefinitionKey));
    node.put("processDefinitionId", job.bpmnProcessId);
    node.put("processDefinitionVersion", job.processDefinitionVersion);
    node.put("elementId", job.elementId);
    node.put("elementInstanceKey", Json.key(job.elementInstanceKey));
    final ObjectNode headers = node.putObject("customHeaders");
    job.customHeaders.forEach(headers::put);
    node.put("retries", job.retries);
    node.put("deadline", job.deadline);
    final ObjectNode vars = node.putObject("variables");
    variables.forEach(vars::set);
    node.put("tenantId", job.tenantId);
    node.put("kind", "BPMN_ELEMENT");
    node.put("listenerEventType", "UNSPECIFIED");
    node.putArray("tags");
    return node;
  }

  static ObjectNode userTask(
      final UserTask task, final String processName, final long rootProcessInstanceKey) {
    final ObjectNode node = Json.object();
    node.put("userTaskKey", Json.key(task.key));
    node.put("name", task.name);
    node.put("state", task.state.name());
    node.put("assignee", task.assignee);
    node.put("elementId", task.elementId);
    node.put("elementInstanceKey", Json.key(task.elementInstanceKey));
    node.put("processInstanceKey", Json.key(task.processInstanceKey));
    node.put("processDefinitionKey", Json.key(task.processDefinitionKey));
    node.put("processDefinitionId", task.bpmnProcessId);
    node.put("processDefinitionVersion", task.processDefinitionVersion);
    node.put("processName", processName);
    node.put("rootProcessInstanceKey", Json.key(rootProcessInstanceKey));
    node.put("tenantId", task.tenantId);
    task.candidateGroups.forEach(node.putArray("candidateGroups")::add);
    task.candidateUsers.forEach(node.putArray("candidateUsers")::add);
    final ObjectNode headers = node.putObject("customHeaders");
    task.customHeaders.forEach(headers::put);
    node.put("priority", task.priority);
    node.put("creationDate", Json.date(task.creationDate));
    if (task.state != UserTask.State.CREATED) {
      node.put("completionDate", Json.date(task.completionDate));
    } else {
      node.putNull("completionDate");
    }
    node.put("dueDate", task.dueDate);
    node.put("followUpDate", task.followUpDate);
    // the client reads formKey as the int64 key of a deployed form; anything else is a reference
    // to an external form; both are in the result, the one not used as null
    final boolean deployed = task.formKey != null && task.formKey.matches("\\d+");
    node.put("formKey", deployed ? task.formKey : null);
    node.put("externalFormReference", task.formKey != null && !deployed ? task.formKey : null);
    node.putArray("tags");
    return node;
  }

  static ObjectNode incident(final Incident incident, final long rootProcessInstanceKey) {
    final ObjectNode node = Json.object();
    node.put("incidentKey", Json.key(incident.key));
    node.put("processInstanceKey", Json.key(incident.processInstanceKey));
    node.put("rootProcessInstanceKey", Json.key(rootProcessInstanceKey));
    node.put("processDefinitionKey", Json.key(incident.processDefinitionKey));
    node.put("processDefinitionId", incident.bpmnProcessId);
    node.put("elementId", incident.elementId);
    node.put("elementInstanceKey", Json.key(incident.elementInstanceKey));
    node.put("errorType", incident.errorType);
    node.put("errorMessage", incident.errorMessage);
    node.put("state", incident.state.name());
    node.put("creationTime", Json.date(incident.creationTime));
    if (incident.jobKey >= 0) {
      node.put("jobKey", Json.key(incident.jobKey));
    } else {
      node.putNull("jobKey");
    }
    node.put("tenantId", incident.tenantId);
    return node;
  }

  static ObjectNode variable(final Variable variable, final long rootProcessInstanceKey) {
    final ObjectNode node = variable(variable, false, rootProcessInstanceKey);
    node.remove("isTruncated"); // a get returns the whole value and says nothing of truncation
    return node;
  }

  /** Values longer than this are cut in searches unless full values are asked for (Camunda's). */
  static final int TRUNCATE_AT = 8191;

  /**
   * A variable as a search or get returns it.
   *
   * @param variable the variable.
   * @param truncate whether a value over {@link #TRUNCATE_AT} characters is cut (searches do by
   *     default; {@code truncateValues=false} asks for full values).
   * @return the view.
   */
  static ObjectNode variable(
      final Variable variable, final boolean truncate, final long rootProcessInstanceKey) {
    final ObjectNode node = Json.object();
    node.put("variableKey", Json.key(variable.key));
    node.put("name", variable.name);
    final String value = variable.value.toString();
    final boolean cut = truncate && value.length() > TRUNCATE_AT;
    node.put("value", cut ? value.substring(0, TRUNCATE_AT) : value);
    node.put("isTruncated", cut);
    node.put("scopeKey", Json.key(variable.scopeKey));
    node.put("processInstanceKey", Json.key(variable.processInstanceKey));
    node.put("rootProcessInstanceKey", Json.key(rootProcessInstanceKey));
    node.put("tenantId", variable.tenantId);
    return node;
  }
}
