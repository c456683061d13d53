package io.stressflow.engine.model.parse;

import io.stressflow.engine.model.BpmnElementType;
import io.stressflow.engine.model.EventTrigger;
import io.stressflow.engine.model.FlowNode;
import io.stressflow.engine.model.JobDefinition;
import io.stressflow.engine.model.Mapping;
import io.stressflow.engine.model.MultiInstance;
import io.stressflow.engine.model.UserTaskDefinition;
import java.util.ArrayList;
import java.util.List;

/** Mutable collector for {@link FlowNode}'s many optional parts. */
final class NodeBuilder {
  String id;
  String name;
  BpmnElementType type;
  String scopeId;
  final List<String> incoming = new ArrayList<>();
  final List<String> outgoing = new ArrayList<>();
  final List<Mapping> inputs = new ArrayList<>();
  final List<Mapping> outputs = new ArrayList<>();
  JobDefinition job;
  UserTaskDefinition userTask;
  EventTrigger trigger;
  String attachedToId;
  boolean cancelActivity = true;
  String defaultFlowId;
  final List<String> boundaryEventIds = new ArrayList<>();
  MultiInstance multiInstance;
  String calledProcessId;
  boolean propagateAllChildVariables = true;

  FlowNode build() {
    return new FlowNode(
        id,
        name,
        type,
        scopeId,
        incoming,
        outgoing,
        inputs,
        outputs,
        job,
        userTask,
        trigger,
        attachedToId,
        cancelActivity,
        defaultFlowId,
        boundaryEventIds,
        multiInstance,
        calledProcessId,
        propagateAllChildVariables);
  }
}
