package io.stressflow.workflows.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.Event;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.Gateway;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnEdge;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnShape;
import io.camunda.zeebe.model.bpmn.instance.dc.Bounds;
import io.camunda.zeebe.model.bpmn.instance.di.Waypoint;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeAssignmentDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeSubscription;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeUserTask;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The process models in bpmn/ against their contract (bpmn/README.md): element ids, job types, user
 * tasks and their forms, messages, and complete diagram information that renders readably. Plain
 * parsing with Zeebe's model API; {@code ProcessModelsIT} deploys and runs them.
 */
class ProcessModelsTest {

  /** The job types of bpmn/README.md, "Job types", plus failure-analysis.report-outcome. */
  static final Set<String> JOB_TYPES =
      Set.of(
          "campaign.validate-plan",
          "chamber.reserve",
          "sampling.baseline",
          "campaign.next-leg",
          "campaign.prepare-leg",
          "profile.start",
          "sampling.read-point",
          "chamber.safe-state",
          "profile.resume",
          "campaign.leg-completed",
          "campaign.count-failure",
          "campaign.check-analyses",
          "campaign.report",
          "campaign.abort",
          "campaign.finish",
          "campaign.remind",
          "campaign.external-results",
          "campaign.lab-read-point",
          "campaign.unloaded",
          "campaign.register-modules",
          "campaign.leg-unloaded",
          "failure-analysis.report-outcome");

  /** Outcomes a {@code campaign.finish} task may carry in its {@code outcome} header. */
  static final Set<String> OUTCOMES = Set.of("APPROVED", "REJECTED", "PLAN_INVALID", "ABORTED");

  /** Messages of bpmn/README.md, "Messages". */
  static final Set<String> MESSAGES =
      Set.of(
          "read-point-reached",
          "chamber-freed",
          "leg-completed",
          "chamber-alarm",
          "module-failed",
          "failure-analysis-closed",
          "campaign-abort");

  /** Element ids workers, tests and the README refer to, per model. */
  static final Map<String, List<String>> ELEMENT_IDS =
      Map.of(
          "campaign.bpmn",
          List.of(
              "campaign-launched",
              "validate-plan",
              "plan-invalid",
              "record-plan-rejection",
              "plan-rejected",
              "reserve-chamber",
              "register-modules",
              "next-leg-merge",
              "select-leg",
              "more-legs",
              "leg-run",
              "leg-run-start",
              "prepare-leg",
              "leg-run-done",
              "leg-aborted",
              "leg-run-aborted",
              "leg-kind",
              "load-modules",
              "baseline",
              "unload-leg-modules",
              "record-leg-unload",
              "unload-leg-modules-reminder",
              "unload-leg-modules-remind",
              "unload-leg-modules-reminded",
              "external-merge",
              "enter-external-results",
              "record-external-results",
              "external-results-invalid",
              "record-leg-merge",
              "leg-merge",
              "stress-leg",
              "leg-start",
              "start-profile",
              "leg-wait-merge",
              "leg-wait",
              "leg-completed",
              "final-read-point",
              "leg-done",
              "leg-overdue",
              "check-overdue-leg",
              "read-point-reached",
              "sample-read-point",
              "read-point-kind",
              "read-point-sampled",
              "lab-read-point-merge",
              "measure-at-lab",
              "record-lab-read-point",
              "lab-results-invalid",
              "lab-read-point-recorded",
              "measure-at-lab-reminder",
              "measure-at-lab-remind",
              "measure-at-lab-reminded",
              "chamber-alarm",
              "safe-state",
              "resolve-alarm",
              "alarm-decision",
              "resume-profile",
              "abort-after-alarm",
              "record-leg",
              "unload-modules",
              "record-unload",
              "fa-merge",
              "check-analyses",
              "analyses-closed",
              "fa-wait",
              "fa-closed",
              "fa-reminder",
              "remind-analyses",
              "generate-report",
              "approve-report",
              "approved",
              "close-campaign",
              "campaign-closed",
              "record-rejection",
              "report-rejected",
              "module-failed-handler",
              "module-failed",
              "count-failure",
              "abort-requested",
              "campaign-abort",
              "abort-on-request",
              "abort-loaded",
              "abort-unload-modules",
              "abort-unload-modules-reminder",
              "abort-unload-modules-remind",
              "abort-unload-modules-reminded",
              "record-abort-unload",
              "abort-report-merge",
              "abort-report",
              "finish-aborted",
              "campaign-aborted",
              "load-modules-reminder",
              "load-modules-remind",
              "load-modules-reminded",
              "check-overdue-leg-reminder",
              "check-overdue-leg-remind",
              "check-overdue-leg-reminded",
              "resolve-alarm-reminder",
              "resolve-alarm-remind",
              "resolve-alarm-reminded",
              "unload-modules-reminder",
              "unload-modules-remind",
              "unload-modules-reminded",
              "approve-report-reminder",
              "approve-report-remind",
              "approve-report-reminded",
              "enter-external-results-reminder",
              "enter-external-results-remind",
              "enter-external-results-reminded"),
          "failure-analysis.bpmn",
          List.of(
              "module-failed",
              "verify-failure",
              "confirmed",
              "analyse-root-cause",
              "record-corrective-action",
              "report-confirmed",
              "closed",
              "report-cnd",
              "could-not-duplicate"));

  /** One row of a README user-task table. */
  record UserTaskContract(
      String name, String group, String form, List<String> required, List<String> optional) {}

  static final Map<String, UserTaskContract> USER_TASKS =
      contracts(
          "load-modules",
          new UserTaskContract(
              "Load modules into chamber",
              "lab-staff",
              "load-modules",
              List.of("loadedBy", "modulesConnected"),
              List.of("loadingNotes")),
          "check-overdue-leg",
          new UserTaskContract(
              "Check overdue leg",
              "lab-staff",
              "overdue-leg",
              List.of("checkedBy", "overdueNotes"),
              List.of()),
          "resolve-alarm",
          new UserTaskContract(
              "Resolve chamber alarm",
              "lab-staff",
              "resolve-alarm",
              List.of("alarmResolution", "alarmCause", "resolvedBy"),
              List.of()),
          "unload-leg-modules",
          new UserTaskContract(
              "Unload modules",
              "lab-staff",
              "unload-leg-modules",
              List.of("unloadedBy"),
              List.of("unloadingNotes")),
          "unload-modules",
          new UserTaskContract(
              "Unload modules",
              "lab-staff",
              "unload-modules",
              List.of("unloadedBy"),
              List.of("unloadingNotes")),
          "abort-unload-modules",
          new UserTaskContract(
              "Unload modules",
              "lab-staff",
              "unload-modules",
              List.of("unloadedBy"),
              List.of("unloadingNotes")),
          "approve-report",
          new UserTaskContract(
              "Review and approve report",
              "manager",
              "approve-report",
              List.of("approval", "reviewer"),
              List.of("reviewComments")),
          "enter-external-results",
          new UserTaskContract(
              "Enter external test results",
              "lab-staff",
              "external-results",
              List.of("stationRecord", "performedBy", "testDate"),
              List.of("failedModules", "testNotes")),
          "measure-at-lab",
          new UserTaskContract(
              "Measure at the lab station",
              "lab-staff",
              "lab-read-point",
              List.of("modulesOutAt", "modulesBackAt", "stationRecord", "measuredBy"),
              List.of("failedModules", "labNotes")),
          "verify-failure",
          new UserTaskContract(
              null, "fa-engineer", "verify-failure", List.of("verification"), List.of()),
          "analyse-root-cause",
          new UserTaskContract(null, "fa-engineer", "root-cause", List.of(), List.of()),
          "record-corrective-action",
          new UserTaskContract(null, "fa-engineer", "corrective-action", List.of(), List.of()));

  /** The table's rows as pairs of element id and contract (more than Map.of takes). */
  private static Map<String, UserTaskContract> contracts(final Object... pairs) {
    final Map<String, UserTaskContract> rows = new java.util.LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      rows.put((String) pairs[i], (UserTaskContract) pairs[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(rows);
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** bpmn/ as packaged into the app (workflows/pom.xml copies ../bpmn to classes/bpmn). */
  static Path bpmnDir() {
    final URL url = ProcessModelsTest.class.getClassLoader().getResource("bpmn/campaign.bpmn");
    assertThat(url).as("bpmn/campaign.bpmn on the classpath").isNotNull();
    try {
      return Path.of(url.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<Path> models() throws IOException {
    try (Stream<Path> files = Files.list(bpmnDir())) {
      final List<Path> models =
          files.filter(p -> p.getFileName().toString().endsWith(".bpmn")).sorted().toList();
      assertThat(models).isNotEmpty();
      return models.stream();
    }
  }

  static BpmnModelInstance read(final Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return Bpmn.readModelFromStream(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static BpmnModelInstance read(final String name) {
    return read(bpmnDir().resolve(name));
  }

  @Test
  void shouldHaveBothModels() throws IOException {
    assertThat(models().map(p -> p.getFileName().toString()))
        .containsExactlyInAnyOrder("campaign.bpmn", "failure-analysis.bpmn");
    assertThat(read("campaign.bpmn").getModelElementById("campaign").getAttributeValue("name"))
        .isEqualTo("Stress test campaign");
  }

  @ParameterizedTest
  @MethodSource("models")
  void shouldHaveAShapeForEveryFlowNodeAndAnEdgeForEveryFlow(final Path file) {
    final BpmnModelInstance model = read(file);
    final Set<String> shaped =
        model.getModelElementsByType(BpmnShape.class).stream()
            .map(s -> s.getBpmnElement().getId())
            .collect(Collectors.toSet());
    final Set<String> edged =
        model.getModelElementsByType(BpmnEdge.class).stream()
            .map(e -> e.getBpmnElement().getId())
            .collect(Collectors.toSet());

    assertThat(ids(model.getModelElementsByType(FlowNode.class))).allMatch(shaped::contains);
    assertThat(shaped).doesNotHaveDuplicates();
    assertThat(ids(model.getModelElementsByType(SequenceFlow.class))).allMatch(edged::contains);
    for (SubProcess sub : model.getModelElementsByType(SubProcess.class)) {
      assertThat(shapeOf(model, sub).isExpanded()).as("%s expanded", sub.getId()).isTrue();
    }
  }

  @ParameterizedTest
  @MethodSource("models")
  void shouldLayOutWithoutOverlapsAndWithEdgesFromBorderToBorder(final Path file) {
    final BpmnModelInstance model = read(file);
    final Collection<FlowNode> nodes = model.getModelElementsByType(FlowNode.class);
    final List<String> problems = new ArrayList<>();

    // standard sizes, children inside their containers, boundary events on their host's border
    for (FlowNode node : nodes) {
      final Bounds b = shapeOf(model, node).getBounds();
      if (node instanceof Event) {
        check(problems, b.getWidth() == 36 && b.getHeight() == 36, "%s not 36x36", node);
      } else if (node instanceof Gateway) {
        check(problems, b.getWidth() == 50 && b.getHeight() == 50, "%s not 50x50", node);
      } else if (!(node instanceof SubProcess)) {
        check(problems, b.getWidth() == 100 && b.getHeight() == 80, "%s not 100x80", node);
      }
      if (node.getParentElement() instanceof SubProcess parent) {
        check(problems, inside(b, shapeOf(model, parent).getBounds()), "%s outside parent", node);
      }
      if (node instanceof BoundaryEvent boundary) {
        final Bounds host = shapeOf(model, boundary.getAttachedTo()).getBounds();
        check(
            problems,
            onRectangle(b.getX() + 18, b.getY() + 18, host),
            "%s not on its host's border",
            node);
      }
    }
    // no two shapes overlap unless one contains the other (or one is a boundary event)
    final List<FlowNode> list = new ArrayList<>(nodes);
    for (int i = 0; i < list.size(); i++) {
      for (int j = i + 1; j < list.size(); j++) {
        final FlowNode a = list.get(i);
        final FlowNode c = list.get(j);
        if (a instanceof BoundaryEvent
            || c instanceof BoundaryEvent
            || isAncestor(a, c)
            || isAncestor(c, a)) {
          continue;
        }
        check(
            problems,
            !intersects(shapeOf(model, a).getBounds(), shapeOf(model, c).getBounds(), 0),
            "%s overlaps " + c.getId(),
            a);
      }
    }
    // edges start on the source's border, end on the target's, and cross no other shape
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      final List<Waypoint> points = new ArrayList<>(edgeOf(model, flow).getWaypoints());
      check(problems, points.size() >= 2, "%s has fewer than 2 waypoints", flow);
      final Waypoint first = points.get(0);
      final Waypoint last = points.get(points.size() - 1);
      check(
          problems, onBorder(model, flow.getSource(), first), "%s does not leave its source", flow);
      check(
          problems, onBorder(model, flow.getTarget(), last), "%s does not reach its target", flow);
      for (FlowNode node : nodes) {
        if (node == flow.getSource()
            || node == flow.getTarget()
            || node instanceof SubProcess
            || (node instanceof BoundaryEvent be
                && (be.getAttachedTo() == flow.getSource()
                    || be.getAttachedTo() == flow.getTarget()))) {
          continue;
        }
        final Bounds b = shapeOf(model, node).getBounds();
        for (int k = 1; k < points.size(); k++) {
          check(
              problems,
              !segmentCrosses(points.get(k - 1), points.get(k), b),
              "%s crosses " + node.getId(),
              flow);
        }
      }
    }
    assertThat(problems).as(file.getFileName().toString()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("models")
  void shouldLinkEveryUserTaskToAnExistingForm(final Path file) throws IOException {
    final BpmnModelInstance model = read(file);
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      assertThat(task.getSingleExtensionElement(ZeebeUserTask.class))
          .as("%s is a Camunda user task", task.getId())
          .isNotNull();
      final ZeebeFormDefinition form = task.getSingleExtensionElement(ZeebeFormDefinition.class);
      assertThat(form).as("%s has a form", task.getId()).isNotNull();
      final Path formFile = file.resolveSibling(form.getFormId() + ".form");
      assertThat(formFile).as("form of %s", task.getId()).exists();
      final JsonNode json = JSON.readTree(formFile.toFile());
      assertThat(json.path("id").asText()).isEqualTo(form.getFormId());
      assertThat(json.path("schemaVersion").asInt()).isEqualTo(16);
      assertThat(json.path("type").asText()).isEqualTo("default");
      assertThat(task.getDocumentations()).as("%s documented", task.getId()).isNotEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("models")
  void shouldUseOnlyContractJobTypes(final Path file) {
    final BpmnModelInstance model = read(file);
    for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
      final ZeebeTaskDefinition definition =
          task.getSingleExtensionElement(ZeebeTaskDefinition.class);
      assertThat(definition).as("%s has a task definition", task.getId()).isNotNull();
      assertThat(definition.getType()).as("job type of %s", task.getId()).isIn(JOB_TYPES);
      assertThat(definition.getRetries()).as("retries of %s", task.getId()).isEqualTo("3");
      assertThat(task.getDocumentations()).as("%s documented", task.getId()).isNotEmpty();
      assertThat(task.getName()).as("%s named", task.getId()).isNotBlank();
      final Map<String, String> headers = headersOf(task);
      if (definition.getType().equals("campaign.finish")) {
        assertThat(headers.get("outcome")).as("outcome of %s", task.getId()).isIn(OUTCOMES);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("models")
  void shouldHaveEveryElementTheContractNames(final Path file) {
    final BpmnModelInstance model = read(file);
    final String name = file.getFileName().toString();
    assertThat(ELEMENT_IDS).containsKey(name);
    for (String id : ELEMENT_IDS.get(name)) {
      assertThat((Object) model.getModelElementById(id)).as("%s in %s", id, name).isNotNull();
    }
  }

  @Test
  void shouldMatchTheUserTaskTables() throws IOException {
    final Map<String, UserTask> tasks = new HashMap<>();
    for (String name : List.of("campaign.bpmn", "failure-analysis.bpmn")) {
      read(name).getModelElementsByType(UserTask.class).forEach(t -> tasks.put(t.getId(), t));
    }
    assertThat(tasks.keySet()).containsExactlyInAnyOrderElementsOf(USER_TASKS.keySet());
    for (Map.Entry<String, UserTaskContract> row : USER_TASKS.entrySet()) {
      final UserTask task = tasks.get(row.getKey());
      final UserTaskContract contract = row.getValue();
      if (contract.name() != null) {
        assertThat(task.getName()).isEqualTo(contract.name());
      }
      assertThat(
              task.getSingleExtensionElement(ZeebeAssignmentDefinition.class).getCandidateGroups())
          .isEqualTo(contract.group());
      assertThat(task.getSingleExtensionElement(ZeebeFormDefinition.class).getFormId())
          .isEqualTo(contract.form());
      final Map<String, JsonNode> fields = new HashMap<>();
      final JsonNode form = JSON.readTree(bpmnDir().resolve(contract.form() + ".form").toFile());
      form.path("components").forEach(c -> fields.put(c.path("key").asText(), c));
      assertThat(form.path("components").get(0).path("type").asText())
          .as("%s starts with a text", contract.form())
          .isEqualTo("text");
      for (String key : contract.required()) {
        assertThat(fields).as("%s in %s", key, contract.form()).containsKey(key);
        assertThat(fields.get(key).path("validate").path("required").asBoolean())
            .as("%s required in %s", key, contract.form())
            .isTrue();
      }
      for (String key : contract.optional()) {
        assertThat(fields).as("%s in %s", key, contract.form()).containsKey(key);
      }
    }
  }

  @Test
  void shouldOfferTheDecisionValuesTheGatewaysTest() throws IOException {
    assertThat(radioValues("resolve-alarm", "alarmResolution")).containsExactly("resume", "abort");
    assertThat(radioValues("approve-report", "approval")).containsExactly("approve", "reject");
    assertThat(radioValues("verify-failure", "verification")).containsExactly("CONFIRMED", "CND");
  }

  /** Messages a leg waits for: correlated by campaign and leg, as legs of a wave run at once. */
  static final Set<String> LEG_MESSAGES =
      Set.of("read-point-reached", "leg-completed", "chamber-alarm");

  @Test
  void shouldCorrelateLegMessagesOnTheLegAndTheOthersOnTheCampaignId() {
    final BpmnModelInstance model = read("campaign.bpmn");
    final Collection<Message> messages = model.getModelElementsByType(Message.class);
    assertThat(messages.stream().map(Message::getName))
        .containsExactlyInAnyOrderElementsOf(MESSAGES);
    for (Message message : messages) {
      assertThat(message.getSingleExtensionElement(ZeebeSubscription.class).getCorrelationKey())
          .as("correlation key of %s", message.getName())
          .isEqualTo(
              LEG_MESSAGES.contains(message.getName())
                  ? "=campaignId + \"/\" + leg"
                  : "=campaignId");
    }
  }

  @Test
  void shouldRunEachWavesLegsInParallelWithTheirVariablesLocal() {
    final BpmnModelInstance model = read("campaign.bpmn");
    final io.camunda.zeebe.model.bpmn.instance.SubProcess legRun =
        model.getModelElementById("leg-run");
    final io.camunda.zeebe.model.bpmn.instance.MultiInstanceLoopCharacteristics loop =
        (io.camunda.zeebe.model.bpmn.instance.MultiInstanceLoopCharacteristics)
            legRun.getLoopCharacteristics();
    assertThat(loop.isSequential()).isFalse();
    final io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeLoopCharacteristics zeebe =
        loop.getSingleExtensionElement(
            io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeLoopCharacteristics.class);
    assertThat(zeebe.getInputCollection()).isEqualTo("=legsWave");
    assertThat(zeebe.getInputElement()).isEqualTo("leg");
    // every variable a leg's job or task sets, except the campaign's counters, is local to the leg
    final Set<String> locals =
        legRun
            .getSingleExtensionElement(
                io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping.class)
            .getInputs()
            .stream()
            .map(io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeInput::getTarget)
            .collect(java.util.stream.Collectors.toSet());
    assertThat(locals)
        .contains(
            "legName",
            "legTimeout",
            "legExternal",
            "runId",
            "hoursDone",
            "cyclesDone",
            "readPointMode",
            "readPointLabel",
            "legSamples",
            "alarm",
            "alarmResolution",
            "alarmCause",
            "failedModules",
            "stationRecord",
            "legChamber",
            "legModules",
            "loadedBy",
            "modulesConnected",
            "baselineModules",
            "unloadedBy",
            "modulesUnloaded")
        .doesNotContain("legsDone", "progressPercent", "failures", "confirmedFailures");
  }

  @Test
  void shouldFinishWithTheOutcomeOfEachEnding() {
    final BpmnModelInstance model = read("campaign.bpmn");
    assertThat(headersOf(model.getModelElementById("record-plan-rejection")))
        .containsEntry("outcome", "PLAN_INVALID");
    assertThat(headersOf(model.getModelElementById("close-campaign")))
        .containsEntry("outcome", "APPROVED");
    assertThat(headersOf(model.getModelElementById("record-rejection")))
        .containsEntry("outcome", "REJECTED");
    assertThat(headersOf(model.getModelElementById("finish-aborted")))
        .containsEntry("outcome", "ABORTED");
  }

  // ------------------------------------------------------------------------------------- helpers

  private List<String> radioValues(final String form, final String key) throws IOException {
    final JsonNode json = JSON.readTree(bpmnDir().resolve(form + ".form").toFile());
    final List<String> values = new ArrayList<>();
    json.path("components")
        .forEach(
            c -> {
              if (c.path("key").asText().equals(key)) {
                c.path("values").forEach(v -> values.add(v.path("value").asText()));
              }
            });
    return values;
  }

  private static Map<String, String> headersOf(final BaseElement task) {
    final ZeebeTaskHeaders headers = task.getSingleExtensionElement(ZeebeTaskHeaders.class);
    final Map<String, String> map = new HashMap<>();
    if (headers != null) {
      for (ZeebeHeader header : headers.getHeaders()) {
        map.put(header.getKey(), header.getValue());
      }
    }
    return map;
  }

  private static List<String> ids(final Collection<? extends BaseElement> elements) {
    return elements.stream().map(BaseElement::getId).toList();
  }

  private static BpmnShape shapeOf(final BpmnModelInstance model, final BaseElement element) {
    return model.getModelElementsByType(BpmnShape.class).stream()
        .filter(s -> s.getBpmnElement() == element)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no shape for " + element.getId()));
  }

  private static BpmnEdge edgeOf(final BpmnModelInstance model, final SequenceFlow flow) {
    return model.getModelElementsByType(BpmnEdge.class).stream()
        .filter(e -> e.getBpmnElement() == flow)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no edge for " + flow.getId()));
  }

  private static void check(
      final List<String> problems,
      final boolean ok,
      final String message,
      final BaseElement element) {
    if (!ok) {
      problems.add(String.format(message, element.getId()));
    }
  }

  private static boolean isAncestor(final ModelElementInstance ancestor, final FlowNode node) {
    for (ModelElementInstance p = node.getParentElement(); p != null; p = p.getParentElement()) {
      if (p == ancestor) {
        return true;
      }
    }
    return false;
  }

  private static boolean inside(final Bounds inner, final Bounds outer) {
    return inner.getX() >= outer.getX()
        && inner.getY() >= outer.getY()
        && inner.getX() + inner.getWidth() <= outer.getX() + outer.getWidth()
        && inner.getY() + inner.getHeight() <= outer.getY() + outer.getHeight();
  }

  private static boolean intersects(final Bounds a, final Bounds b, final double margin) {
    return a.getX() < b.getX() + b.getWidth() + margin
        && b.getX() < a.getX() + a.getWidth() + margin
        && a.getY() < b.getY() + b.getHeight() + margin
        && b.getY() < a.getY() + a.getHeight() + margin;
  }

  private static boolean onRectangle(final double x, final double y, final Bounds b) {
    final double left = b.getX();
    final double right = left + b.getWidth();
    final double top = b.getY();
    final double bottom = top + b.getHeight();
    final boolean withinX = x >= left - 1 && x <= right + 1;
    final boolean withinY = y >= top - 1 && y <= bottom + 1;
    return (withinX && (Math.abs(y - top) <= 1 || Math.abs(y - bottom) <= 1))
        || (withinY && (Math.abs(x - left) <= 1 || Math.abs(x - right) <= 1));
  }

  private static boolean onBorder(
      final BpmnModelInstance model, final FlowNode node, final Waypoint point) {
    final Bounds b = shapeOf(model, node).getBounds();
    final double cx = b.getX() + b.getWidth() / 2;
    final double cy = b.getY() + b.getHeight() / 2;
    final double dx = Math.abs(point.getX() - cx);
    final double dy = Math.abs(point.getY() - cy);
    if (node instanceof Event) {
      return Math.abs(Math.hypot(dx, dy) - b.getWidth() / 2) <= 1;
    }
    if (node instanceof Gateway) {
      return Math.abs(dx / (b.getWidth() / 2) + dy / (b.getHeight() / 2) - 1) <= 0.03;
    }
    return node instanceof Activity && onRectangle(point.getX(), point.getY(), b);
  }

  /** Whether a segment passes through the inside of a shape (touching its border is fine). */
  private static boolean segmentCrosses(final Waypoint from, final Waypoint to, final Bounds b) {
    final double length = Math.hypot(to.getX() - from.getX(), to.getY() - from.getY());
    final int steps = Math.max(1, (int) Math.ceil(length / 2));
    for (int i = 0; i <= steps; i++) {
      final double x = from.getX() + (to.getX() - from.getX()) * i / steps;
      final double y = from.getY() + (to.getY() - from.getY()) * i / steps;
      if (x > b.getX() + 2
          && x < b.getX() + b.getWidth() - 2
          && y > b.getY() + 2
          && y < b.getY() + b.getHeight() - 2) {
        return true;
      }
    }
    return false;
  }
}
