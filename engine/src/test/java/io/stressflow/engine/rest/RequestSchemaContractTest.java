package io.stressflow.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.protocol.rest.CancelProcessInstanceRequest;
import io.camunda.client.protocol.rest.Changeset;
import io.camunda.client.protocol.rest.ClockPinRequest;
import io.camunda.client.protocol.rest.IncidentResolutionRequest;
import io.camunda.client.protocol.rest.JobActivationRequest;
import io.camunda.client.protocol.rest.JobChangeset;
import io.camunda.client.protocol.rest.JobCompletionRequest;
import io.camunda.client.protocol.rest.JobErrorRequest;
import io.camunda.client.protocol.rest.JobFailRequest;
import io.camunda.client.protocol.rest.JobUpdateRequest;
import io.camunda.client.protocol.rest.MessageCorrelationRequest;
import io.camunda.client.protocol.rest.MessagePublicationRequest;
import io.camunda.client.protocol.rest.ProcessInstanceCreationInstructionById;
import io.camunda.client.protocol.rest.ProcessInstanceCreationInstructionByKey;
import io.camunda.client.protocol.rest.SetVariableRequest;
import io.camunda.client.protocol.rest.SignalBroadcastRequest;
import io.camunda.client.protocol.rest.UserTaskAssignmentRequest;
import io.camunda.client.protocol.rest.UserTaskCompletionRequest;
import io.camunda.client.protocol.rest.UserTaskUpdateRequest;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each command accepts exactly the properties of Camunda 8.9's request schema, as generated into
 * the pinned Apache-2.0 client: one the engine missed would refuse a valid request, one it invented
 * would accept what a cluster refuses.
 */
class RequestSchemaContractTest {

  @Test
  void shouldAcceptExactlyThePropertiesOfCamundasRequestSchemas() {
    expect(
        "POST " + V2Paths.PROCESS_INSTANCES,
        ProcessInstanceCreationInstructionById.class,
        ProcessInstanceCreationInstructionByKey.class);
    expect("POST " + V2Paths.PROCESS_INSTANCE_CANCELLATION, CancelProcessInstanceRequest.class);
    expect("POST " + V2Paths.MESSAGE_PUBLICATION, MessagePublicationRequest.class);
    expect("POST " + V2Paths.MESSAGE_CORRELATION, MessageCorrelationRequest.class);
    expect("POST " + V2Paths.JOB_ACTIVATION, JobActivationRequest.class);
    expect("POST " + V2Paths.JOB_COMPLETION, JobCompletionRequest.class);
    expect("POST " + V2Paths.JOB_FAILURE, JobFailRequest.class);
    expect("POST " + V2Paths.JOB_ERROR, JobErrorRequest.class);
    expect("PATCH " + V2Paths.JOB, JobUpdateRequest.class);
    expect("POST " + V2Paths.USER_TASK_ASSIGNMENT, UserTaskAssignmentRequest.class);
    expect("POST " + V2Paths.USER_TASK_COMPLETION, UserTaskCompletionRequest.class);
    expect("PATCH " + V2Paths.USER_TASK, UserTaskUpdateRequest.class);
    expect("PUT " + V2Paths.ELEMENT_INSTANCE_VARIABLES, SetVariableRequest.class);
    expect("POST " + V2Paths.SIGNAL_BROADCAST, SignalBroadcastRequest.class);
    expect("POST " + V2Paths.INCIDENT_RESOLUTION, IncidentResolutionRequest.class);
    expect("PUT " + V2Paths.CLOCK, ClockPinRequest.class);
    assertThat(new TreeSet<>(RequestSchema.CHANGESET.get("PATCH " + V2Paths.JOB)))
        .isEqualTo(properties(JobChangeset.class));
    assertThat(new TreeSet<>(RequestSchema.CHANGESET.get("PATCH " + V2Paths.USER_TASK)))
        .isEqualTo(properties(Changeset.class));
  }

  private static void expect(final String route, final Class<?>... models) {
    assertThat(new TreeSet<>(RequestSchema.TOP.get(route))).as(route).isEqualTo(properties(models));
  }

  private static Set<String> properties(final Class<?>... models) {
    return Stream.of(models)
        .flatMap(m -> Arrays.stream(m.getFields()))
        .filter(
            f -> Modifier.isStatic(f.getModifiers()) && f.getName().startsWith("JSON_PROPERTY_"))
        .map(
            f -> {
              try {
                return (String) f.get(null);
              } catch (final IllegalAccessException e) {
                throw new IllegalStateException(e);
              }
            })
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
