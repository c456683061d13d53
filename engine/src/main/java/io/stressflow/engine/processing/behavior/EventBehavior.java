package io.stressflow.engine.processing.behavior;

import com.fasterxml.jackson.databind.JsonNode;
import io.stressflow.engine.expression.ExpressionEvaluator.Evaluation;
import io.stressflow.engine.model.BpmnElementType;
import io.stressflow.engine.model.EventTrigger;
import io.stressflow.engine.model.ExecutableProcess;
import io.stressflow.engine.model.FlowNode;
import io.stressflow.engine.processing.BpmnProcessor;
import io.stressflow.engine.processing.ErrorType;
import io.stressflow.engine.processing.Result;
import io.stressflow.engine.state.ElementInstance;
import io.stressflow.engine.state.Message;
import io.stressflow.engine.state.MessageSubscription;
import io.stressflow.engine.state.ProcessDefinition;
import io.stressflow.engine.state.Timer;
import java.util.List;
import java.util.Map;

/**
 * Message subscriptions and timers of catch events, boundary events and event sub-process starts:
 * opening, closing and triggering them.
 */
public final class EventBehavior {
  private static final int MAX_ROUNDS = 1000;
  private final BpmnProcessor processor;

  /**
   * Creates the behaviour.
   *
   * @param processor the processor.
   */
  public EventBehavior(final BpmnProcessor processor) {
    this.processor = processor;
  }

  /**
   * Opens the timers and subscriptions of the boundary events of an activity instance.
   *
   * @param instance the activity instance.
   * @param node the activity.
   * @return ok, or the failure of a timer or correlation key expression.
   */
  public Result openBoundaryEvents(final ElementInstance instance, final FlowNode node) {
    final ExecutableProcess model = processor.model(instance);
    for (final String boundaryId : node.boundaryEventIds()) {
      final Result result = open(instance, model.node(boundaryId));
      if (result instanceof Result.Failed) {
        return result;
      }
    }
    return Result.ok();
  }

  /**
   * Opens the timer and message starts of the event sub-processes directly inside a container.
   *
   * @param instance the container instance.
   * @return ok, or the failure of an expression.
   */
  public Result openEventSubProcessStarts(final ElementInstance instance) {
    final ExecutableProcess model = processor.model(instance);
    for (final FlowNode child : model.childrenOf(instance.elementId)) {
      if (child.type() != BpmnElementType.EVENT_SUB_PROCESS) {
        continue;
      }
      for (final FlowNode start : model.childrenOf(child.id())) {
        if (start.type() == BpmnElementType.START_EVENT
            && !(start.trigger() instanceof EventTrigger.Error)) {
          final Result result = open(instance, start);
          if (result instanceof Result.Failed) {
            return result;
          }
        }
      }
    }
    return Result.ok();
  }

  /**
   * Opens the timer or message subscription of a catching element, owned by an instance.
   *
   * @param owner the owning element instance.
   * @param catching the catching element (catch, boundary or start event).
   * @return ok, or the failure of an expression.
   */
  public Result open(final ElementInstance owner, final FlowNode catching) {
    if (catching.trigger() instanceof EventTrigger.Timer timer) {
      return schedule(owner, catching, timer);
    }
    if (catching.trigger() instanceof EventTrigger.Message message) {
      return subscribe(owner, catching, message);
    }
    return Result.ok();
  }

  /**
   * Schedules the timer start events of a newly deployed process version, replacing those of the
   * previous version.
   *
   * @param definition the new definition.
   * @param previous the previous latest version, or null.
   */
  public void onDeployed(final ProcessDefinition definition, final ProcessDefinition previous) {
    if (previous != null) {
      for (final Timer timer : processor.state().timers().values()) {
        if (timer.elementInstanceKey < 0 && timer.processDefinitionKey == previous.key()) {
          processor.state().timers().remove(timer.key);
        }
      }
    }
    final ExecutableProcess model = processor.processes().model(definition.key());
    for (final FlowNode start : model.childrenOf(model.bpmnProcessId())) {
      if (start.type() == BpmnElementType.START_EVENT
          && start.trigger() instanceof EventTrigger.Timer timer) {
        final ElementInstance none = new ElementInstance();
        none.key = -1;
        none.processInstanceKey = -1;
        none.processDefinitionKey = definition.key();
        schedule(none, start, timer);
      }
    }
  }

  private Result schedule(
      final ElementInstance owner, final FlowNode catching, final EventTrigger.Timer timer) {
    final String expression =
        timer.duration() != null
            ? timer.duration()
            : timer.date() != null ? timer.date() : timer.cycle();
    final Map<String, JsonNode> variables =
        owner.key < 0 ? Map.of() : processor.variables().visible(owner.key);
    final Evaluation value = processor.evaluator().evaluate(expression, variables);
    if (value instanceof Evaluation.Failed failed) {
      return Result.failed(failed.message(), ErrorType.EXTRACT_VALUE_ERROR);
    }
    final String text = ((Evaluation.Value) value).value().asText();
    final TimerSchedule schedule;
    try {
      final long now = processor.now();
      schedule =
          timer.duration() != null
              ? TimerSchedule.duration(text, now)
              : timer.date() != null
                  ? TimerSchedule.date(text, now)
                  : TimerSchedule.cycle(text, now);
    } catch (final RuntimeException e) {
      return Result.failed(
          "Expected a valid timer of '%s', but '%s' could not be parsed: %s"
              .formatted(catching.id(), text, e.getMessage()),
          ErrorType.EXTRACT_VALUE_ERROR);
    }
    final Timer entity = new Timer();
    entity.key = processor.state().nextKey();
    entity.dueDate = schedule.dueDate();
    entity.repetitions = schedule.repetitions();
    entity.interval = schedule.cycle();
    entity.processInstanceKey = owner.processInstanceKey;
    entity.elementInstanceKey = owner.key;
    entity.processDefinitionKey = owner.processDefinitionKey;
    entity.catchElementId = catching.id();
    entity.interrupting = owner.key >= 0 && catching.cancelActivity();
    processor.state().timers().put(entity);
    return Result.ok();
  }

  private Result subscribe(
      final ElementInstance owner, final FlowNode catching, final EventTrigger.Message message) {
    final Map<String, JsonNode> variables = processor.variables().visible(owner.key);
    final Evaluation name = processor.evaluator().evaluate(message.name(), variables);
    if (name instanceof Evaluation.Failed failed) {
      return Result.failed(failed.message(), ErrorType.EXTRACT_VALUE_ERROR);
    }
    final Evaluation key = processor.evaluator().evaluate(message.correlationKey(), variables);
    if (key instanceof Evaluation.Failed failed) {
      return Result.failed(failed.message(), ErrorType.EXTRACT_VALUE_ERROR);
    }
    final JsonNode keyValue = ((Evaluation.Value) key).value();
    if (!keyValue.isTextual() && !keyValue.isNumber()) {
      return Result.failed(
          "Expected the correlation key of '%s' to be a string or number, but was '%s'"
              .formatted(catching.id(), keyValue),
          ErrorType.EXTRACT_VALUE_ERROR);
    }
    final MessageSubscription subscription = new MessageSubscription();
    subscription.key = processor.state().nextKey();
    subscription.messageName = ((Evaluation.Value) name).value().asText();
    subscription.correlationKey = keyValue.asText();
    subscription.processInstanceKey = owner.processInstanceKey;
    subscription.elementInstanceKey = owner.key;
    subscription.catchElementId = catching.id();
    subscription.interrupting = catching.cancelActivity();
    processor.state().subscriptions().put(subscription);
    final long subscriptionKey = subscription.key;
    processor.enqueue(() -> correlateBuffered(subscriptionKey));
    return Result.ok();
  }

  private void correlateBuffered(final long subscriptionKey) {
    final MessageSubscription subscription = processor.state().subscriptions().get(subscriptionKey);
    if (subscription == null) {
      return;
    }
    final long now = processor.now();
    final String processId =
        processor.state().processInstances().get(subscription.processInstanceKey).bpmnProcessId;
    for (final Message message : processor.state().messages().view()) {
      if (message.name.equals(subscription.messageName)
          && message.correlationKey.equals(subscription.correlationKey)
          && message.expiresAt > now
          && !message.correlatedProcessIds.contains(processId)) {
        message.correlatedProcessIds.add(processId);
        processor.state().messages().put(message);
        trigger(subscription, message.variables);
        return;
      }
    }
  }

  /**
   * Closes the timers and subscriptions an element instance owns.
   *
   * @param ownerKey the element instance.
   */
  public void closeFor(final long ownerKey) {
    for (final Timer timer : processor.state().timers().values()) {
      if (timer.elementInstanceKey == ownerKey) {
        processor.state().timers().remove(timer.key);
      }
    }
    for (final MessageSubscription subscription : processor.state().subscriptions().values()) {
      if (subscription.elementInstanceKey == ownerKey) {
        processor.state().subscriptions().remove(subscription.key);
      }
    }
  }

  /**
   * Correlates a message to a subscription and triggers the catching element.
   *
   * @param subscription the subscription.
   * @param variables the message variables.
   */
  public void trigger(
      final MessageSubscription subscription, final Map<String, JsonNode> variables) {
    if (subscription.interrupting) {
      processor.state().subscriptions().remove(subscription.key);
    }
    trigger(subscription.elementInstanceKey, subscription.catchElementId, variables);
  }

  /**
   * Fires a due timer: triggers its element and schedules the next repetition, if any.
   *
   * @param timer the timer.
   */
  public void fire(final Timer timer) {
    processor.state().timers().remove(timer.key);
    final TimerSchedule next = TimerSchedule.next(timer.dueDate, timer.repetitions, timer.interval);
    if (next != null && !timer.interrupting) {
      final Timer repeat = new Timer();
      repeat.key = processor.state().nextKey();
      repeat.dueDate = next.dueDate();
      repeat.repetitions = next.repetitions();
      repeat.interval = next.cycle();
      repeat.processInstanceKey = timer.processInstanceKey;
      repeat.elementInstanceKey = timer.elementInstanceKey;
      repeat.processDefinitionKey = timer.processDefinitionKey;
      repeat.catchElementId = timer.catchElementId;
      repeat.interrupting = false;
      processor.state().timers().put(repeat);
    }
    if (timer.elementInstanceKey < 0) {
      final ProcessDefinition definition =
          processor.state().definitions().get(timer.processDefinitionKey);
      processor.startInstance(definition, Map.of(), timer.catchElementId, Map.of(), null);
      return;
    }
    trigger(timer.elementInstanceKey, timer.catchElementId, Map.of());
  }

  /** Fires all timers that are due. */
  public void fireDueTimers() {
    final long now = processor.now();
    // repetitions scheduled by a firing may be due too (the clock may jump far ahead)
    for (int round = 0; round < MAX_ROUNDS && anyTimerDue(); round++) {
      for (final Timer timer : processor.state().timers().values()) {
        if (timer.dueDate <= now && processor.state().timers().get(timer.key) != null) {
          fire(timer);
          processor.drain();
        }
      }
    }
  }

  /**
   * Returns whether any timer is due.
   *
   * @return true if a timer should fire now.
   */
  public boolean anyTimerDue() {
    final long now = processor.now();
    return processor.state().timers().view().stream().anyMatch(t -> t.dueDate <= now);
  }

  private void trigger(
      final long ownerKey, final String catchElementId, final Map<String, JsonNode> variables) {
    final ElementInstance owner = processor.state().elements().get(ownerKey);
    if (owner == null || owner.state != ElementInstance.State.ACTIVATED) {
      return;
    }
    final FlowNode catching = processor.model(owner).node(catchElementId);
    switch (catching.type()) {
      case INTERMEDIATE_CATCH_EVENT -> triggerCatchEvent(owner, catching, variables);
      case BOUNDARY_EVENT -> {
        if (catching.cancelActivity()) {
          interrupt(owner, catching, variables);
        } else {
          processor.activateNode(owner.flowScopeKey, catching, null, variables);
        }
      }
      case START_EVENT -> startEventSubProcess(owner, catching, variables);
      default ->
          throw new IllegalStateException(
              "Expected a catching element, but '%s' is a %s"
                  .formatted(catching.id(), catching.type()));
    }
  }

  private void triggerCatchEvent(
      final ElementInstance owner, final FlowNode catching, final Map<String, JsonNode> variables) {
    closeFor(owner.key);
    if (owner.elementId.equals(catching.id())) {
      processor.variables().applyEventVariables(owner, catching, variables);
      processor.complete(owner);
      return;
    }
    // the owner is an event-based gateway: complete it towards the event that fired
    final String flowId =
        processor.node(owner).outgoing().stream()
            .filter(f -> processor.model(owner).flow(f).targetId().equals(catching.id()))
            .findFirst()
            .orElseThrow();
    processor.completeVia(owner, flowId, variables);
  }

  /**
   * Interrupts an activity: terminates it, then activates the boundary event.
   *
   * @param activity the activity instance.
   * @param boundary the interrupting boundary event.
   * @param variables the event variables.
   */
  public void interrupt(
      final ElementInstance activity,
      final FlowNode boundary,
      final Map<String, JsonNode> variables) {
    activity.interruptedBy = boundary.id();
    activity.interruptVariables = variables;
    processor.state().elements().put(activity);
    processor.terminate(activity);
  }

  /**
   * Starts an event sub-process of a scope: interrupting ones terminate the scope's other children
   * first.
   *
   * @param scope the scope instance.
   * @param start the start event of the event sub-process.
   * @param variables the event variables.
   */
  public void startEventSubProcess(
      final ElementInstance scope, final FlowNode start, final Map<String, JsonNode> variables) {
    if (!start.cancelActivity()) {
      activateEventSubProcess(scope, start.id(), variables);
      return;
    }
    // the scope's own boundary events stay open; its event sub-process starts close
    final ExecutableProcess model = processor.model(scope);
    for (final Timer timer : processor.state().timers().values()) {
      if (timer.elementInstanceKey == scope.key && isStart(model, timer.catchElementId)) {
        processor.state().timers().remove(timer.key);
      }
    }
    for (final MessageSubscription sub : processor.state().subscriptions().values()) {
      if (sub.elementInstanceKey == scope.key && isStart(model, sub.catchElementId)) {
        processor.state().subscriptions().remove(sub.key);
      }
    }
    scope.pendingEventSubProcess = start.id();
    scope.pendingEventVariables = variables;
    processor.state().elements().put(scope);
    final List<Long> children = processor.state().elements().children(scope.key);
    if (children.isEmpty()) {
      startEventSubProcess(scope);
      return;
    }
    for (final long child : children) {
      final ElementInstance instance = processor.state().elements().get(child);
      if (instance != null) {
        processor.terminate(instance);
      }
    }
  }

  private static boolean isStart(final ExecutableProcess model, final String elementId) {
    return model.node(elementId).type() == BpmnElementType.START_EVENT;
  }

  /**
   * Activates the pending interrupting event sub-process of a scope whose children are gone.
   *
   * @param scope the scope instance.
   */
  public void startEventSubProcess(final ElementInstance scope) {
    final String startId = scope.pendingEventSubProcess;
    final Map<String, JsonNode> variables = scope.pendingEventVariables;
    scope.pendingEventSubProcess = null;
    scope.pendingEventVariables = null;
    scope.pendingFlows = 0;
    scope.joins.clear();
    processor.state().elements().put(scope);
    activateEventSubProcess(scope, startId, variables);
  }

  private void activateEventSubProcess(
      final ElementInstance scope, final String startId, final Map<String, JsonNode> variables) {
    final FlowNode start = processor.model(scope).node(startId);
    final ElementInstance sub =
        processor.newInstance(scope, start.scopeId(), BpmnElementType.EVENT_SUB_PROCESS);
    sub.startElementId = startId;
    sub.startVariables = variables == null ? Map.of() : variables;
    processor.state().elements().put(sub);
    processor.activate(sub, null);
  }
}
