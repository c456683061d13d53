package io.stressflow.engine.model.parse;

import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.CallActivity;
import io.camunda.zeebe.model.bpmn.instance.CatchEvent;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.ErrorEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.EventBasedGateway;
import io.camunda.zeebe.model.bpmn.instance.EventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ExclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.IntermediateCatchEvent;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.ParallelGateway;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.TerminateEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeAssignmentDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledElement;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListeners;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeSubscription;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskListeners;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskSchedule;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeUserTask;
import io.camunda.zeebe.model.bpmn.util.time.Interval;
import io.camunda.zeebe.model.bpmn.util.time.RepeatingInterval;
import io.camunda.zeebe.model.bpmn.util.time.TimeDateTimer;
import io.stressflow.engine.model.BpmnElementType;
import io.stressflow.engine.model.EventTrigger;
import io.stressflow.engine.model.ExecutableProcess;
import io.stressflow.engine.model.FlowNode;
import io.stressflow.engine.model.JobDefinition;
import io.stressflow.engine.model.Mapping;
import io.stressflow.engine.model.MultiInstance;
import io.stressflow.engine.model.SequenceFlow;
import io.stressflow.engine.model.UserTaskDefinition;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads one process, collecting problems instead of stopping at the first. */
final class ProcessReader {
  private final Process process;
  private final List<String> problems;
  private final Map<String, FlowNode> nodes = new LinkedHashMap<>();
  private final Map<String, SequenceFlow> flows = new LinkedHashMap<>();

  ProcessReader(final Process process, final List<String> problems) {
    this.process = process;
    this.problems = problems;
  }

  ExecutableProcess read() {
    final String id = process.getId();
    nodes.put(id, node(process, BpmnElementType.PROCESS, null).build());
    readScope(id, process.getFlowElements());
    if (nodes.values().stream()
        .noneMatch(n -> id.equals(n.scopeId()) && n.type() == BpmnElementType.START_EVENT)) {
      problem(process, "must have a start event");
    }
    return new ExecutableProcess(id, nodes, flows);
  }

  private void readScope(final String scopeId, final Collection<FlowElement> elements) {
    for (final FlowElement element : elements) {
      if (element instanceof io.camunda.zeebe.model.bpmn.instance.SequenceFlow flow) {
        flows.put(
            flow.getId(),
            new SequenceFlow(
                flow.getId(),
                flow.getSource().getId(),
                flow.getTarget().getId(),
                flow.getConditionExpression() == null
                    ? null
                    : blankToNull(flow.getConditionExpression().getTextContent())));
      } else {
        readNode(scopeId, element);
      }
    }
  }

  private void readNode(final String scopeId, final FlowElement element) {
    final NodeBuilder builder;
    if (element instanceof StartEvent start) {
      builder = startEvent(scopeId, start);
    } else if (element instanceof EndEvent end) {
      builder = endEvent(scopeId, end);
    } else if (element instanceof ServiceTask task) {
      builder = serviceTask(scopeId, task);
    } else if (element instanceof UserTask task) {
      builder = userTask(scopeId, task);
    } else if (element instanceof ExclusiveGateway gateway) {
      builder = node(gateway, BpmnElementType.EXCLUSIVE_GATEWAY, scopeId);
      builder.defaultFlowId = gateway.getDefault() == null ? null : gateway.getDefault().getId();
    } else if (element instanceof ParallelGateway gateway) {
      builder = node(gateway, BpmnElementType.PARALLEL_GATEWAY, scopeId);
    } else if (element instanceof EventBasedGateway gateway) {
      builder = node(gateway, BpmnElementType.EVENT_BASED_GATEWAY, scopeId);
    } else if (element instanceof IntermediateCatchEvent event) {
      builder = node(event, BpmnElementType.INTERMEDIATE_CATCH_EVENT, scopeId);
      builder.trigger = catchTrigger(event, false);
    } else if (element instanceof BoundaryEvent event) {
      builder = boundaryEvent(scopeId, event);
    } else if (element instanceof SubProcess sub) {
      builder = subProcess(scopeId, sub);
    } else if (element instanceof CallActivity call) {
      builder = callActivity(scopeId, call);
    } else {
      problem(element, "is not supported");
      return;
    }
    if (builder != null) {
      nodes.put(element.getId(), builder.build());
    }
  }

  private NodeBuilder startEvent(final String scopeId, final StartEvent start) {
    final NodeBuilder builder = node(start, BpmnElementType.START_EVENT, scopeId);
    final boolean inEventSubProcess =
        start.getParentElement() instanceof SubProcess sub && sub.triggeredByEvent();
    builder.cancelActivity = start.isInterrupting();
    if (start.getEventDefinitions().isEmpty()) {
      if (inEventSubProcess) {
        problem(start, "must have a timer, message or error definition in an event sub-process");
      }
      return builder;
    }
    final EventDefinition definition = single(start, start.getEventDefinitions());
    if (definition instanceof ErrorEventDefinition error && inEventSubProcess) {
      builder.trigger = errorTrigger(error);
    } else if (definition instanceof TimerEventDefinition timer) {
      builder.trigger = timerTrigger(start, timer);
    } else if (definition instanceof MessageEventDefinition message) {
      builder.trigger = messageTrigger(start, message, inEventSubProcess);
    } else if (definition != null) {
      problem(start, "has an unsupported event definition '%s'".formatted(kind(definition)));
    }
    return builder;
  }

  private NodeBuilder endEvent(final String scopeId, final EndEvent end) {
    final NodeBuilder builder = node(end, BpmnElementType.END_EVENT, scopeId);
    if (!end.getEventDefinitions().isEmpty()) {
      final EventDefinition definition = single(end, end.getEventDefinitions());
      if (definition instanceof ErrorEventDefinition error) {
        builder.trigger = errorTrigger(error);
        if (error.getError() == null || blankToNull(error.getError().getErrorCode()) == null) {
          problem(end, "must reference an error with an error code");
        }
      } else if (definition instanceof TerminateEventDefinition) {
        builder.trigger = new EventTrigger.Terminate();
      } else if (definition != null) {
        problem(end, "has an unsupported event definition '%s'".formatted(kind(definition)));
      }
    }
    return builder;
  }

  private NodeBuilder serviceTask(final String scopeId, final ServiceTask task) {
    final NodeBuilder builder = node(task, BpmnElementType.SERVICE_TASK, scopeId);
    final ZeebeTaskDefinition definition =
        task.getSingleExtensionElement(ZeebeTaskDefinition.class);
    if (definition == null || blankToNull(definition.getType()) == null) {
      problem(task, "must have a zeebe:taskDefinition with a type");
      return builder;
    }
    final String retries = definition.getRetries() == null ? "3" : definition.getRetries();
    builder.job = new JobDefinition(definition.getType(), retries, headers(task));
    return builder;
  }

  private NodeBuilder userTask(final String scopeId, final UserTask task) {
    final NodeBuilder builder = node(task, BpmnElementType.USER_TASK, scopeId);
    if (task.getSingleExtensionElement(ZeebeUserTask.class) == null) {
      problem(
          task,
          "must be a Camunda user task (zeebe:userTask); job-based user tasks are not"
              + " supported");
      return builder;
    }
    final ZeebeAssignmentDefinition assignment =
        task.getSingleExtensionElement(ZeebeAssignmentDefinition.class);
    final ZeebeFormDefinition form = task.getSingleExtensionElement(ZeebeFormDefinition.class);
    final ZeebeTaskSchedule schedule = task.getSingleExtensionElement(ZeebeTaskSchedule.class);
    builder.userTask =
        new UserTaskDefinition(
            assignment == null ? null : blankToNull(assignment.getAssignee()),
            assignment == null ? null : blankToNull(assignment.getCandidateGroups()),
            assignment == null ? null : blankToNull(assignment.getCandidateUsers()),
            form == null ? null : blankToNull(form.getFormId()),
            form == null
                ? null
                : blankToNull(form.getFormKey()) != null
                    ? form.getFormKey()
                    : blankToNull(form.getExternalReference()),
            schedule == null ? null : blankToNull(schedule.getDueDate()),
            schedule == null ? null : blankToNull(schedule.getFollowUpDate()),
            headers(task));
    return builder;
  }

  private NodeBuilder boundaryEvent(final String scopeId, final BoundaryEvent event) {
    final NodeBuilder builder = node(event, BpmnElementType.BOUNDARY_EVENT, scopeId);
    builder.attachedToId = event.getAttachedTo() == null ? null : event.getAttachedTo().getId();
    builder.cancelActivity = event.cancelActivity();
    final EventDefinition definition = single(event, event.getEventDefinitions());
    if (definition instanceof ErrorEventDefinition error) {
      builder.trigger = errorTrigger(error);
      if (!event.cancelActivity()) {
        problem(event, "must interrupt: error boundary events are always interrupting");
      }
    } else if (definition != null) {
      builder.trigger = catchTrigger(event, true);
    }
    if (builder.attachedToId == null) {
      problem(event, "must be attached to an activity");
    }
    return builder;
  }

  private NodeBuilder subProcess(final String scopeId, final SubProcess sub) {
    final NodeBuilder builder =
        node(
            sub,
            sub.triggeredByEvent()
                ? BpmnElementType.EVENT_SUB_PROCESS
                : BpmnElementType.SUB_PROCESS,
            scopeId);
    readScope(sub.getId(), sub.getFlowElements());
    final long starts = sub.getFlowElements().stream().filter(e -> e instanceof StartEvent).count();
    if (starts != 1) {
      problem(sub, "must have exactly one start event");
    }
    if (sub.triggeredByEvent()) {
      sub.getFlowElements().stream()
          .filter(e -> e instanceof StartEvent)
          .map(e -> (StartEvent) e)
          .findFirst()
          .ifPresent(start -> builder.cancelActivity = start.isInterrupting());
    }
    return builder;
  }

  private NodeBuilder callActivity(final String scopeId, final CallActivity call) {
    final NodeBuilder builder = node(call, BpmnElementType.CALL_ACTIVITY, scopeId);
    final ZeebeCalledElement called = call.getSingleExtensionElement(ZeebeCalledElement.class);
    if (called == null || blankToNull(called.getProcessId()) == null) {
      problem(call, "must have a zeebe:calledElement with a processId");
      return builder;
    }
    builder.calledProcessId = called.getProcessId();
    builder.propagateAllChildVariables = called.isPropagateAllChildVariablesEnabled();
    return builder;
  }

  private EventTrigger catchTrigger(final CatchEvent event, final boolean boundary) {
    final EventDefinition definition = single(event, event.getEventDefinitions());
    if (definition instanceof TimerEventDefinition timer) {
      return timerTrigger(event, timer);
    }
    if (definition instanceof MessageEventDefinition message) {
      return messageTrigger(event, message, true);
    }
    if (definition != null) {
      problem(
          event,
          "has an unsupported event definition '%s'%s"
              .formatted(kind(definition), boundary ? "" : " (only timer and message)"));
    }
    return null;
  }

  private EventTrigger timerTrigger(final BaseElement event, final TimerEventDefinition timer) {
    final String duration =
        timer.getTimeDuration() == null
            ? null
            : blankToNull(timer.getTimeDuration().getTextContent());
    final String date =
        timer.getTimeDate() == null ? null : blankToNull(timer.getTimeDate().getTextContent());
    final String cycle =
        timer.getTimeCycle() == null ? null : blankToNull(timer.getTimeCycle().getTextContent());
    final int count = (duration == null ? 0 : 1) + (date == null ? 0 : 1) + (cycle == null ? 0 : 1);
    if (count != 1) {
      problem(event, "must have exactly one of timeDuration, timeDate and timeCycle");
      return new EventTrigger.Timer(duration, date, cycle);
    }
    final String text = duration != null ? duration : date != null ? date : cycle;
    if (!text.startsWith("=")) {
      try {
        if (duration != null) {
          Interval.parse(text);
        } else if (date != null) {
          TimeDateTimer.parse(text);
        } else {
          RepeatingInterval.parse(text);
        }
      } catch (final RuntimeException e) {
        problem(
            event,
            "has a timer '%s' that is not a valid ISO-8601 %s (cron is not supported)"
                .formatted(text, duration != null ? "duration" : date != null ? "date" : "cycle"));
      }
    }
    return new EventTrigger.Timer(duration, date, cycle);
  }

  private EventTrigger messageTrigger(
      final BaseElement event, final MessageEventDefinition definition, final boolean needsKey) {
    final io.camunda.zeebe.model.bpmn.instance.Message message = definition.getMessage();
    if (message == null || blankToNull(message.getName()) == null) {
      problem(event, "must reference a message with a name");
      return null;
    }
    final ZeebeSubscription subscription =
        message.getSingleExtensionElement(ZeebeSubscription.class);
    final String key = subscription == null ? null : blankToNull(subscription.getCorrelationKey());
    if (needsKey && key == null) {
      problem(event, "must have a message with a zeebe:subscription correlationKey");
    }
    return new EventTrigger.Message(message.getName(), key);
  }

  private EventTrigger errorTrigger(final ErrorEventDefinition error) {
    return new EventTrigger.Error(
        error.getError() == null ? null : blankToNull(error.getError().getErrorCode()));
  }

  private EventDefinition single(
      final BaseElement element, final Collection<EventDefinition> definitions) {
    if (definitions.size() != 1) {
      problem(element, "must have exactly one event definition");
      return null;
    }
    return definitions.iterator().next();
  }

  private NodeBuilder node(
      final BaseElement element, final BpmnElementType type, final String scopeId) {
    final NodeBuilder builder = new NodeBuilder();
    builder.id = element.getId();
    builder.type = type;
    builder.scopeId = scopeId;
    if (element instanceof io.camunda.zeebe.model.bpmn.instance.FlowElement flowElement) {
      builder.name = flowElement.getName();
    } else if (element instanceof io.camunda.zeebe.model.bpmn.instance.Process process) {
      builder.name = process.getName();
    }
    if (element instanceof io.camunda.zeebe.model.bpmn.instance.FlowNode flowNode) {
      flowNode.getIncoming().forEach(f -> builder.incoming.add(f.getId()));
      flowNode.getOutgoing().forEach(f -> builder.outgoing.add(f.getId()));
    }
    final ZeebeExecutionListeners executionListeners =
        element.getSingleExtensionElement(ZeebeExecutionListeners.class);
    if (executionListeners != null && !executionListeners.getExecutionListeners().isEmpty()) {
      problem(element, "has zeebe:executionListeners, which are not supported");
    }
    final ZeebeTaskListeners taskListeners =
        element.getSingleExtensionElement(ZeebeTaskListeners.class);
    if (taskListeners != null && !taskListeners.getTaskListeners().isEmpty()) {
      problem(element, "has zeebe:taskListeners, which are not supported");
    }
    final ZeebeIoMapping io = element.getSingleExtensionElement(ZeebeIoMapping.class);
    if (io != null) {
      io.getInputs().forEach(m -> builder.inputs.add(new Mapping(m.getSource(), m.getTarget())));
      io.getOutputs().forEach(m -> builder.outputs.add(new Mapping(m.getSource(), m.getTarget())));
    }
    if (element instanceof Activity activity) {
      activity.getBoundaryEvents().list().forEach(b -> builder.boundaryEventIds.add(b.getId()));
      if (activity.getLoopCharacteristics() != null) {
        builder.multiInstance = multiInstance(activity);
      }
    }
    return builder;
  }

  private MultiInstance multiInstance(final Activity activity) {
    if (!(activity.getLoopCharacteristics() instanceof MultiInstanceLoopCharacteristics loop)) {
      problem(activity, "has unsupported loop characteristics (only multi-instance)");
      return null;
    }
    final ZeebeLoopCharacteristics zeebe =
        loop.getSingleExtensionElement(ZeebeLoopCharacteristics.class);
    if (zeebe == null || blankToNull(zeebe.getInputCollection()) == null) {
      problem(activity, "must have zeebe:loopCharacteristics with an inputCollection");
      return null;
    }
    return new MultiInstance(
        loop.isSequential(),
        zeebe.getInputCollection(),
        blankToNull(zeebe.getInputElement()),
        blankToNull(zeebe.getOutputCollection()),
        blankToNull(zeebe.getOutputElement()),
        loop.getCompletionCondition() == null
            ? null
            : blankToNull(loop.getCompletionCondition().getTextContent()));
  }

  private Map<String, String> headers(final BaseElement element) {
    final Map<String, String> headers = new LinkedHashMap<>();
    final ZeebeTaskHeaders taskHeaders = element.getSingleExtensionElement(ZeebeTaskHeaders.class);
    if (taskHeaders != null) {
      for (final ZeebeHeader header : taskHeaders.getHeaders()) {
        headers.put(header.getKey(), header.getValue());
      }
    }
    return headers;
  }

  private void problem(final BaseElement element, final String what) {
    problems.add("element '%s' of kind '%s' %s".formatted(element.getId(), kind(element), what));
  }

  private static String kind(final BaseElement element) {
    return element.getElementType().getTypeName();
  }

  static String blankToNull(final String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
