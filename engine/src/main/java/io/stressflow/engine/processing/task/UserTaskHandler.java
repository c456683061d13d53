package io.stressflow.engine.processing.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.stressflow.engine.expression.ExpressionEvaluator.Evaluation;
import io.stressflow.engine.model.BpmnElementType;
import io.stressflow.engine.model.UserTaskDefinition;
import io.stressflow.engine.processing.BpmnProcessor;
import io.stressflow.engine.processing.ElementContext;
import io.stressflow.engine.processing.ElementHandler;
import io.stressflow.engine.processing.ErrorType;
import io.stressflow.engine.processing.Result;
import io.stressflow.engine.state.FormDefinition;
import io.stressflow.engine.state.ProcessInstance;
import io.stressflow.engine.state.UserTask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A Camunda user task: creates a user task record and waits until someone completes it. */
public final class UserTaskHandler implements ElementHandler {

  @Override
  public BpmnElementType type() {
    return BpmnElementType.USER_TASK;
  }

  @Override
  public Result onActivate(final ElementContext context) {
    final BpmnProcessor processor = context.processor();
    final UserTaskDefinition definition = context.node().userTask();
    final Map<String, JsonNode> variables = processor.variables().visible(context.instance().key);
    final List<String> values = new ArrayList<>();
    for (final String expression :
        Arrays.asList(
            definition.assignee(),
            definition.candidateGroups(),
            definition.candidateUsers(),
            definition.dueDate(),
            definition.followUpDate())) {
      if (expression == null) {
        values.add(null);
        continue;
      }
      final Evaluation result = processor.evaluator().evaluate(expression, variables);
      if (result instanceof Evaluation.Failed failed) {
        return Result.failed(failed.message(), ErrorType.EXTRACT_VALUE_ERROR);
      }
      final JsonNode value = ((Evaluation.Value) result).value();
      values.add(value.isNull() ? null : value.isArray() ? join(value) : value.asText());
    }
    String formKey = definition.formKey();
    if (definition.formId() != null) {
      final var form =
          processor.state().forms().view().stream()
              .filter(f -> f.formId().equals(definition.formId()))
              .max(java.util.Comparator.comparingInt(FormDefinition::version));
      if (form.isEmpty()) {
        return Result.failed(
            "Expected to find a form with id '%s' for user task '%s', but no such form is deployed"
                .formatted(definition.formId(), context.node().id()),
            ErrorType.FORM_NOT_FOUND);
      }
      formKey = Long.toString(form.get().key());
    }
    final ProcessInstance process =
        processor.state().processInstances().get(context.instance().processInstanceKey);
    final UserTask task = new UserTask();
    task.key = processor.state().nextKey();
    task.name = context.node().name() == null ? context.node().id() : context.node().name();
    task.assignee = values.get(0);
    task.candidateGroups = split(values.get(1));
    task.candidateUsers = split(values.get(2));
    task.dueDate = values.get(3);
    task.followUpDate = values.get(4);
    task.formKey = formKey;
    task.creationDate = processor.now();
    task.elementId = context.node().id();
    task.elementInstanceKey = context.instance().key;
    task.processInstanceKey = process.key;
    task.processDefinitionKey = process.processDefinitionKey;
    task.bpmnProcessId = process.bpmnProcessId;
    task.processDefinitionVersion = process.version;
    task.customHeaders.putAll(definition.headers());
    task.tenantId = process.tenantId;
    processor.state().userTasks().put(task);
    return Result.ok();
  }

  private static String join(final JsonNode array) {
    final List<String> items = new ArrayList<>();
    array.forEach(item -> items.add(item.asText()));
    return String.join(",", items);
  }

  private static List<String> split(final String value) {
    if (value == null || value.isBlank()) {
      return new ArrayList<>();
    }
    return new ArrayList<>(
        Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
  }

  @Override
  public boolean isWaitState(final ElementContext context) {
    return true;
  }

  @Override
  public void onTerminate(final ElementContext context) {
    final BpmnProcessor processor = context.processor();
    for (final UserTask task : processor.state().userTasks().view()) {
      if (task.elementInstanceKey == context.instance().key
          && task.state == UserTask.State.CREATED) {
        task.state = UserTask.State.CANCELED;
        task.completionDate = processor.now();
        processor.state().userTasks().put(task);
        return;
      }
    }
  }
}
