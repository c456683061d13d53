package io.stressflow.engine.processing;

import com.fasterxml.jackson.databind.JsonNode;
import io.stressflow.engine.EventLog;
import io.stressflow.engine.EventLog.Intent;
import io.stressflow.engine.expression.ExpressionEvaluator;
import io.stressflow.engine.model.BpmnElementType;
import io.stressflow.engine.model.ExecutableProcess;
import io.stressflow.engine.model.FlowNode;
import io.stressflow.engine.model.SequenceFlow;
import io.stressflow.engine.processing.behavior.ErrorBehavior;
import io.stressflow.engine.processing.behavior.EventBehavior;
import io.stressflow.engine.processing.behavior.IncidentBehavior;
import io.stressflow.engine.processing.behavior.JobBehavior;
import io.stressflow.engine.processing.behavior.VariableBehavior;
import io.stressflow.engine.state.ElementInstance;
import io.stressflow.engine.state.ElementInstance.State;
import io.stressflow.engine.state.EngineState;
import io.stressflow.engine.state.Incident;
import io.stressflow.engine.state.ProcessDefinition;
import io.stressflow.engine.state.ProcessInstance;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Drives the element lifecycle (activate → complete, or terminate) and records every transition in
 * the {@link EventLog}. Work runs to completion inside one command: follow-up steps (take a flow,
 * activate a child) are queued and drained before the command's state is written.
 */
public final class BpmnProcessor {
  private final EngineState state;
  private final EngineClock clock;
  private final EventLog log;
  private final ExpressionEvaluator evaluator;
  private final ProcessRepository processes;
  private final ElementHandlers handlers = new ElementHandlers();
  private final VariableBehavior variables;
  private final JobBehavior jobs;
  private final IncidentBehavior incidents;
  private final EventBehavior events;
  private final ErrorBehavior errors;
  private final Deque<Runnable> work = new ArrayDeque<>();
  private Signals signals = Signals.collect();

  /**
   * Creates the processor.
   *
   * @param state the engine state.
   * @param clock the engine clock.
   * @param log the event log.
   */
  public BpmnProcessor(final EngineState state, final EngineClock clock, final EventLog log) {
    this.state = state;
    this.clock = clock;
    this.log = log;
    this.evaluator = new ExpressionEvaluator(clock);
    this.processes = new ProcessRepository(state);
    this.variables = new VariableBehavior(this);
    this.jobs = new JobBehavior(this);
    this.incidents = new IncidentBehavior(this);
    this.events = new EventBehavior(this);
    this.errors = new ErrorBehavior(this);
  }

  // --- accessors for handlers, behaviours and commands ------------------------------------

  /**
   * The engine state.
   *
   * @return the state.
   */
  public EngineState state() {
    return state;
  }

  /**
   * The current engine time.
   *
   * @return epoch milliseconds.
   */
  public long now() {
    return clock.millis();
  }

  /**
   * The engine clock.
   *
   * @return the clock.
   */
  public EngineClock clock() {
    return clock;
  }

  /**
   * The expression evaluator.
   *
   * @return the evaluator.
   */
  public ExpressionEvaluator evaluator() {
    return evaluator;
  }

  /**
   * Deployed processes.
   *
   * @return the repository.
   */
  public ProcessRepository processes() {
    return processes;
  }

  /**
   * Variable behaviour.
   *
   * @return the behaviour.
   */
  public VariableBehavior variables() {
    return variables;
  }

  /**
   * Job behaviour.
   *
   * @return the behaviour.
   */
  public JobBehavior jobs() {
    return jobs;
  }

  /**
   * Incident behaviour.
   *
   * @return the behaviour.
   */
  public IncidentBehavior incidents() {
    return incidents;
  }

  /**
   * Event (message and timer) behaviour.
   *
   * @return the behaviour.
   */
  public EventBehavior events() {
    return events;
  }

  /**
   * Error throwing and catching.
   *
   * @return the behaviour.
   */
  public ErrorBehavior errors() {
    return errors;
  }

  /**
   * The signals collected by the current command.
   *
   * @return the signals.
   */
  public Signals signals() {
    return signals;
  }

  /**
   * Hands over the collected signals and starts a new collection.
   *
   * @return the signals of the finished command.
   */
  public Signals takeSignals() {
    final Signals result = signals;
    signals = Signals.collect();
    return result;
  }

  /**
   * Remembers the parsed model of a new definition.
   *
   * @param definitionKey the definition key.
   * @param model the model.
   */
  public void cacheModel(final long definitionKey, final ExecutableProcess model) {
    processes.cache(definitionKey, model);
  }

  /** Forgets cached models and queued work after the state was reloaded. */
  public void reset() {
    processes.clear();
    discardWork();
  }

  /** Forgets queued work and collected signals of a rejected command. */
  public void discardWork() {
    work.clear();
    signals = Signals.collect();
  }

  /**
   * Queues a step of the current command.
   *
   * @param step the step.
   */
  public void enqueue(final Runnable step) {
    work.add(step);
  }

  /** Runs all queued steps, including the ones they queue. */
  public void drain() {
    Runnable step;
    while ((step = work.poll()) != null) {
      step.run();
    }
  }

  /**
   * Returns the model of an element instance's process.
   *
   * @param instance the element instance.
   * @return the model.
   */
  public ExecutableProcess model(final ElementInstance instance) {
    return processes.model(instance.processDefinitionKey);
  }

  /**
   * Returns the node of an element instance.
   *
   * @param instance the element instance.
   * @return the node.
   */
  public FlowNode node(final ElementInstance instance) {
    return model(instance).node(instance.elementId);
  }

  // --- process instances -------------------------------------------------------------------

  /**
   * Creates and starts a process instance.
   *
   * @param definition the definition.
   * @param input the initial variables, set on the process scope.
   * @param startElementId the start event to begin with, or null for the none start event.
   * @param startVariables the variables of a triggering start event, or null.
   * @param parent the call activity instance that calls this process, or null.
   * @return the new instance.
   */
  public ProcessInstance startInstance(
      final ProcessDefinition definition,
      final Map<String, JsonNode> input,
      final String startElementId,
      final Map<String, JsonNode> startVariables,
      final ElementInstance parent) {
    final ProcessInstance instance = new ProcessInstance();
    instance.key = state.nextKey();
    instance.processDefinitionKey = definition.key();
    instance.bpmnProcessId = definition.bpmnProcessId();
    instance.version = definition.version();
    instance.tenantId = definition.tenantId();
    instance.startDate = now();
    instance.rootProcessInstanceKey = instance.key;
    if (parent != null) {
      instance.parentProcessInstanceKey = parent.processInstanceKey;
      instance.parentElementInstanceKey = parent.key;
      instance.rootProcessInstanceKey =
          state.processInstances().get(parent.processInstanceKey).rootProcessInstanceKey;
    }
    state.processInstances().put(instance);
    variables.setLocal(instance.key, instance.key, input);
    final ElementInstance root = new ElementInstance();
    root.key = instance.key;
    root.processInstanceKey = instance.key;
    root.processDefinitionKey = definition.key();
    root.elementId = definition.bpmnProcessId();
    root.elementType = BpmnElementType.PROCESS.name();
    root.startElementId = startElementId;
    root.startDate = instance.startDate;
    root.startVariables = startVariables;
    record(root, Intent.ELEMENT_ACTIVATING);
    state.elements().put(root);
    enqueue(() -> activate(root, null));
    return instance;
  }

  // --- the lifecycle -----------------------------------------------------------------------

  /**
   * Activates a node in a scope (after a flow was taken, or directly).
   *
   * @param scopeKey the flow scope instance.
   * @param node the node.
   * @param viaFlowId the sequence flow that led here, or null.
   * @param trigger variables of an event that already triggered this element, or null.
   */
  public void activateNode(
      final long scopeKey,
      final FlowNode node,
      final String viaFlowId,
      final Map<String, JsonNode> trigger) {
    final ElementInstance scope = state.elements().get(scopeKey);
    if (scope == null) {
      return;
    }
    if (viaFlowId != null) {
      scope.pendingFlows--;
      state.elements().put(scope);
    }
    if (scope.state != State.ACTIVATED || scope.pendingEventSubProcess != null) {
      return;
    }
    if (viaFlowId != null && !joined(scope, node, viaFlowId)) {
      return;
    }
    final BpmnElementType type =
        node.multiInstance() != null ? BpmnElementType.MULTI_INSTANCE_BODY : node.type();
    final ElementInstance instance = newInstance(scope, node.id(), type);
    activate(instance, trigger);
  }

  /**
   * Creates an element instance in state activating.
   *
   * @param scope the flow scope.
   * @param elementId the element id.
   * @param type the element kind.
   * @return the instance.
   */
  public ElementInstance newInstance(
      final ElementInstance scope, final String elementId, final BpmnElementType type) {
    final ElementInstance instance = new ElementInstance();
    instance.key = state.nextKey();
    instance.processInstanceKey = scope.processInstanceKey;
    instance.processDefinitionKey = scope.processDefinitionKey;
    instance.elementId = elementId;
    instance.elementType = type.name();
    instance.flowScopeKey = scope.key;
    instance.startDate = now();
    state.elements().put(instance);
    record(instance, Intent.ELEMENT_ACTIVATING);
    return instance;
  }

  private boolean joined(final ElementInstance scope, final FlowNode node, final String flowId) {
    if (node.type() != BpmnElementType.PARALLEL_GATEWAY || node.incoming().size() < 2) {
      return true;
    }
    final Map<String, Integer> taken =
        scope.joins.computeIfAbsent(node.id(), k -> new java.util.LinkedHashMap<>());
    taken.merge(flowId, 1, Integer::sum);
    if (!taken.keySet().containsAll(node.incoming())) {
      state.elements().put(scope);
      return false;
    }
    for (final String incoming : node.incoming()) {
      taken.computeIfPresent(incoming, (k, n) -> n > 1 ? n - 1 : null);
    }
    if (taken.isEmpty()) {
      scope.joins.remove(node.id());
    }
    state.elements().put(scope);
    return true;
  }

  /**
   * Runs the activation step of an element instance that is activating.
   *
   * @param instance the instance.
   * @param trigger variables of an event that already triggered it, or null.
   */
  public void activate(final ElementInstance instance, final Map<String, JsonNode> trigger) {
    if (instance.state != State.ACTIVATING) {
      return;
    }
    final FlowNode node = node(instance);
    final ElementHandler handler = handlers.get(instance.elementType);
    final ElementContext context = context(instance, node, trigger);
    if (!isBody(instance)) {
      final Failure input = variables.applyInputs(instance, node);
      if (input != null) {
        incidents.raise(instance, input, Incident.Phase.ACTIVATE);
        return;
      }
    }
    if (!isInner(instance, node)) {
      final Result boundaries = events.openBoundaryEvents(instance, node);
      if (boundaries instanceof Result.Failed failed) {
        events.closeFor(instance.key);
        incidents.raise(instance, failed.failure(), Incident.Phase.ACTIVATE);
        return;
      }
    }
    final Result result = handler.onActivate(context);
    if (result instanceof Result.Failed failed) {
      events.closeFor(instance.key);
      incidents.raise(instance, failed.failure(), Incident.Phase.ACTIVATE);
      return;
    }
    if (instance.state != State.ACTIVATING) {
      // the handler ended the element itself, e.g. an error end event whose error was caught
      return;
    }
    instance.state = State.ACTIVATED;
    state.elements().put(instance);
    record(instance, Intent.ELEMENT_ACTIVATED);
    if (trigger != null) {
      variables.applyEventVariables(instance, node, trigger);
    }
    if (!handler.isWaitState(context)) {
      complete(instance);
    }
  }

  /**
   * Completes an element instance whose wait is over (or that never waits).
   *
   * @param instance the instance, activated or (on incident resolution) completing.
   */
  public void complete(final ElementInstance instance) {
    complete(instance, null, null);
  }

  /**
   * Completes an element instance and takes exactly one outgoing flow, whose target is activated as
   * already triggered (an event-based gateway and the event that fired).
   *
   * @param instance the instance.
   * @param flowId the flow to take.
   * @param trigger the variables of the event that fired.
   */
  public void completeVia(
      final ElementInstance instance, final String flowId, final Map<String, JsonNode> trigger) {
    complete(instance, flowId, trigger);
  }

  private void complete(
      final ElementInstance instance, final String onlyFlow, final Map<String, JsonNode> trigger) {
    if (instance.state == State.ACTIVATED) {
      instance.state = State.COMPLETING;
      state.elements().put(instance);
      record(instance, Intent.ELEMENT_COMPLETING);
      events.closeFor(instance.key);
    } else if (instance.state != State.COMPLETING) {
      return;
    }
    final FlowNode node = node(instance);
    if (!isBody(instance)) {
      final Failure output = variables.applyOutputs(instance, node);
      if (output != null) {
        incidents.raise(instance, output, Incident.Phase.COMPLETE);
        return;
      }
    }
    final ElementContext context = context(instance, node, null);
    final Result result = handlers.get(instance.elementType).onComplete(context);
    if (result instanceof Result.Failed failed) {
      incidents.raise(instance, failed.failure(), Incident.Phase.COMPLETE);
      return;
    }
    if (isInner(instance, node)) {
      handlers.multiInstanceBody().collectOutput(instance, node, this);
    }
    instance.state = State.COMPLETED;
    record(instance, Intent.ELEMENT_COMPLETED);
    remove(instance);
    final List<String> flows =
        onlyFlow != null
            ? List.of(onlyFlow)
            : isInner(instance, node)
                ? List.of()
                : context.chosenFlows() != null ? context.chosenFlows() : node.outgoing();
    for (final String flow : flows) {
      takeFlow(instance, flow, trigger);
    }
    if (flows.isEmpty()) {
      childFinished(instance);
    }
  }

  /**
   * Terminates an element instance and, first, all its children.
   *
   * @param instance the instance.
   */
  public void terminate(final ElementInstance instance) {
    if (!instance.isActive() || instance.state == State.TERMINATING) {
      return;
    }
    instance.state = State.TERMINATING;
    state.elements().put(instance);
    record(instance, Intent.ELEMENT_TERMINATING);
    events.closeFor(instance.key);
    incidents.resolveFor(instance.key);
    handlers.get(instance.elementType).onTerminate(context(instance, node(instance), null));
    final List<Long> children = state.elements().children(instance.key);
    if (children.isEmpty()) {
      finishTermination(instance);
    } else {
      for (final long child : children) {
        final ElementInstance childInstance = state.elements().get(child);
        if (childInstance != null) {
          terminate(childInstance);
        }
      }
    }
  }

  private void finishTermination(final ElementInstance instance) {
    instance.state = State.TERMINATED;
    record(instance, Intent.ELEMENT_TERMINATED);
    remove(instance);
    if (instance.flowScopeKey < 0) {
      final ProcessInstance process = state.processInstances().get(instance.processInstanceKey);
      process.state = ProcessInstance.State.TERMINATED;
      process.endDate = now();
      state.processInstances().put(process);
      signals.endedInstances().add(process.key);
    } else {
      childFinished(instance);
    }
  }

  private void childFinished(final ElementInstance child) {
    final ElementInstance scope = state.elements().get(child.flowScopeKey);
    if (scope == null) {
      return;
    }
    if (scope.state == State.TERMINATING) {
      if (state.elements().children(scope.key).isEmpty()) {
        finishTermination(scope);
      }
      return;
    }
    if (child.state == State.TERMINATED && child.interruptedBy != null) {
      final FlowNode boundary = model(child).node(child.interruptedBy);
      activateNode(scope.key, boundary, null, child.interruptVariables);
      return;
    }
    if (scope.pendingEventSubProcess != null) {
      if (state.elements().children(scope.key).isEmpty()) {
        events.startEventSubProcess(scope);
      }
      return;
    }
    handlers.get(scope.elementType).onChildFinished(context(scope, node(scope), null), child);
  }

  /**
   * Completes a container whose last child finished, if nothing else is pending in it.
   *
   * @param scope the container instance.
   */
  public void completeScopeIfDone(final ElementInstance scope) {
    if (scope.state == State.ACTIVATED
        && scope.pendingFlows == 0
        && scope.joins.isEmpty()
        && state.elements().children(scope.key).isEmpty()) {
      complete(scope);
    }
  }

  /**
   * Takes a sequence flow from a completed element and queues the activation of its target.
   *
   * @param from the completed element instance.
   * @param flowId the flow id.
   * @param trigger variables of an event that already triggered the target, or null.
   */
  public void takeFlow(
      final ElementInstance from, final String flowId, final Map<String, JsonNode> trigger) {
    final SequenceFlow flow = model(from).flow(flowId);
    final ElementInstance scope = state.elements().get(from.flowScopeKey);
    log.record(
        from.processInstanceKey,
        state.nextKey(),
        flowId,
        BpmnElementType.SEQUENCE_FLOW.name(),
        Intent.SEQUENCE_FLOW_TAKEN,
        clock.instant());
    scope.pendingFlows++;
    state.elements().put(scope);
    final FlowNode target = model(from).node(flow.targetId());
    final long scopeKey = scope.key;
    enqueue(() -> activateNode(scopeKey, target, flowId, trigger));
  }

  private void remove(final ElementInstance instance) {
    state.elements().remove(instance.key);
    final io.stressflow.engine.state.EndedElement ended =
        new io.stressflow.engine.state.EndedElement();
    ended.key = instance.key;
    ended.processInstanceKey = instance.processInstanceKey;
    ended.processDefinitionKey = instance.processDefinitionKey;
    ended.elementId = instance.elementId;
    ended.elementType = instance.elementType;
    ended.flowScopeKey = instance.flowScopeKey;
    ended.state = instance.state == State.TERMINATED ? "TERMINATED" : "COMPLETED";
    ended.startDate = instance.startDate;
    ended.endDate = now();
    state.endedElements().put(ended);
    if (instance.flowScopeKey >= 0) {
      variables.removeScope(instance.key);
    }
  }

  private boolean isBody(final ElementInstance instance) {
    return BpmnElementType.MULTI_INSTANCE_BODY.name().equals(instance.elementType);
  }

  private boolean isInner(final ElementInstance instance, final FlowNode node) {
    return node.multiInstance() != null && !isBody(instance);
  }

  private ElementContext context(
      final ElementInstance instance, final FlowNode node, final Map<String, JsonNode> trigger) {
    return new ElementContext(instance, node, model(instance), this, trigger);
  }

  /**
   * Records a lifecycle transition.
   *
   * @param instance the element instance.
   * @param intent the transition.
   */
  public void record(final ElementInstance instance, final Intent intent) {
    log.record(
        instance.processInstanceKey,
        instance.key,
        instance.elementId,
        instance.elementType,
        intent,
        clock.instant());
  }
}
