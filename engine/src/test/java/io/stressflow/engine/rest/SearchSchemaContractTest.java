package io.stressflow.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.protocol.rest.ElementInstanceFilter;
import io.camunda.client.protocol.rest.ElementInstanceSearchQuerySortRequest;
import io.camunda.client.protocol.rest.IncidentFilter;
import io.camunda.client.protocol.rest.IncidentSearchQuerySortRequest;
import io.camunda.client.protocol.rest.JobFilter;
import io.camunda.client.protocol.rest.JobSearchQuerySortRequest;
import io.camunda.client.protocol.rest.ProcessDefinitionFilter;
import io.camunda.client.protocol.rest.ProcessDefinitionSearchQuerySortRequest;
import io.camunda.client.protocol.rest.ProcessInstanceFilter;
import io.camunda.client.protocol.rest.ProcessInstanceSearchQuerySortRequest;
import io.camunda.client.protocol.rest.UserTaskFilter;
import io.camunda.client.protocol.rest.UserTaskSearchQuerySortRequest;
import io.camunda.client.protocol.rest.UserTaskVariableFilter;
import io.camunda.client.protocol.rest.UserTaskVariableSearchQuerySortRequest;
import io.camunda.client.protocol.rest.VariableFilter;
import io.camunda.client.protocol.rest.VariableSearchQuerySortRequest;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The filter and sort fields each search accepts are exactly those of Camunda 8.9's request
 * schemas, as generated into the pinned Apache-2.0 client ({@code
 * io.camunda.client.protocol.rest}): the engine refuses unknown ones, so a property it missed would
 * refuse a valid request, and one it invented would accept what a cluster refuses.
 */
class SearchSchemaContractTest {

  @Test
  void shouldAcceptExactlyTheFilterPropertiesOfCamundasSchemas() {
    assertThat(sorted(SearchSchema.PROCESS_INSTANCE.filter()))
        .isEqualTo(properties(ProcessInstanceFilter.class));
    assertThat(sorted(SearchSchema.USER_TASK.filter())).isEqualTo(properties(UserTaskFilter.class));
    assertThat(sorted(SearchSchema.INCIDENT.filter())).isEqualTo(properties(IncidentFilter.class));
    assertThat(sorted(SearchSchema.VARIABLE.filter())).isEqualTo(properties(VariableFilter.class));
    assertThat(sorted(SearchSchema.ELEMENT_INSTANCE.filter()))
        .isEqualTo(properties(ElementInstanceFilter.class));
    assertThat(sorted(SearchSchema.PROCESS_DEFINITION.filter()))
        .isEqualTo(properties(ProcessDefinitionFilter.class));
    assertThat(sorted(SearchSchema.JOB.filter())).isEqualTo(properties(JobFilter.class));
    assertThat(sorted(SearchSchema.USER_TASK_VARIABLE.filter()))
        .isEqualTo(properties(UserTaskVariableFilter.class));
  }

  @Test
  void shouldAcceptExactlyTheSortFieldsOfCamundasSchemas() {
    assertThat(sorted(SearchSchema.PROCESS_INSTANCE.sort()))
        .isEqualTo(sortFields(ProcessInstanceSearchQuerySortRequest.FieldEnum.values()));
    assertThat(sorted(SearchSchema.USER_TASK.sort()))
        .isEqualTo(sortFields(UserTaskSearchQuerySortRequest.FieldEnum.values()));
    assertThat(sorted(SearchSchema.INCIDENT.sort()))
        .isEqualTo(sortFields(IncidentSearchQuerySortRequest.FieldEnum.values()));
    assertThat(sorted(SearchSchema.VARIABLE.sort()))
        .isEqualTo(sortFields(VariableSearchQuerySortRequest.FieldEnum.values()));
    assertThat(sorted(SearchSchema.ELEMENT_INSTANCE.sort()))
        .isEqualTo(sortFields(ElementInstanceSearchQuerySortRequest.FieldEnum.values()));
    assertThat(sorted(SearchSchema.PROCESS_DEFINITION.sort()))
        .isEqualTo(sortFields(ProcessDefinitionSearchQuerySortRequest.FieldEnum.values()));
    assertThat(sorted(SearchSchema.JOB.sort()))
        .isEqualTo(sortFields(JobSearchQuerySortRequest.FieldEnum.values()));
    assertThat(sorted(SearchSchema.USER_TASK_VARIABLE.sort()))
        .isEqualTo(sortFields(UserTaskVariableSearchQuerySortRequest.FieldEnum.values()));
  }

  private static Set<String> sorted(final Set<String> names) {
    return new TreeSet<>(names);
  }

  /** The JSON property names a generated model class declares ({@code JSON_PROPERTY_*}). */
  private static Set<String> properties(final Class<?> model) {
    return Arrays.stream(model.getFields())
        .filter(
            f -> Modifier.isStatic(f.getModifiers()) && f.getName().startsWith("JSON_PROPERTY_"))
        .map(SearchSchemaContractTest::value)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static String value(final Field field) {
    try {
      return (String) field.get(null);
    } catch (final IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Set<String> sortFields(final Enum<?>[] values) {
    return Arrays.stream(values)
        .filter(v -> !v.name().startsWith("UNKNOWN_DEFAULT"))
        .map(Object::toString)
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
