package io.stressflow.workflows.workflow;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** True when {@code stressflow.camunda.rest-address} is unset or blank. */
class EmbeddedEngineCondition implements Condition {

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    String address = context.getEnvironment().getProperty("stressflow.camunda.rest-address", "");
    return address.isBlank();
  }
}
