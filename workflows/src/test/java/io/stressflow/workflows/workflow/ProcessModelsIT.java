package io.stressflow.workflows.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.Process;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.stressflow.engine.Engine;
import io.stressflow.engine.EngineConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Deploys every model and form in bpmn/ to the embedded engine through the real Camunda client (the
 * engine rejects BPMN outside its subset with a 400 naming the element) and walks the campaign and
 * failure-analysis models by hand, completing each job and user task in turn.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProcessModelsIT {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private Engine engine;
  private CamundaClient client;
  private DeploymentEvent deployment;

  @BeforeAll
  void deploy() throws IOException {
    engine =
        Engine.start(EngineConfig.create(c -> c.jdbcUrl = "jdbc:h2:mem:models;DB_CLOSE_DELAY=-1"));
    client =
        CamundaClient.newClientBuilder()
            .restAddress(engine.restAddress())
            .preferRestOverGrpc(true)
            .defaultJobWorkerStreamEnabled(false)
            .applyEnvironmentVariableOverrides(false)
            .build();
    final List<Path> resources;
    try (Stream<Path> files = Files.list(ProcessModelsTest.bpmnDir())) {
      resources =
          files
              .filter(p -> p.toString().endsWith(".bpmn") || p.toString().endsWith(".form"))
              .sorted()
              .toList();
    }
    DeployResourceCommandStep2 command =
        client.newDeployResourceCommand().addResourceFile(resources.get(0).toString());
    for (Path resource : resources.subList(1, resources.size())) {
      command = command.addResourceFile(resource.toString());
    }
    deployment = command.send().join();
  }

  @AfterAll
  void stop() {
    if (engine != null) {
      engine.close();
    }
    if (client != null) {
      client.close();
    }
  }

  @Test
  void shouldDeployBothModelsAndAllForms() {
    assertThat(deployment.getProcesses())
        .extracting(Process::getBpmnProcessId)
        .containsExactlyInAnyOrder("campaign", "failure-analysis");
    assertThat(deployment.getForm())
        .extracting(f -> f.getFormId())
        .containsExactlyInAnyOrder(
            "load-modules",
            "overdue-leg",
            "resolve-alarm",
            "unload-modules",
            "unload-leg-modules",
            "approve-report",
            "verify-failure",
            "root-cause",
            "corrective-action",
            "external-results",
            "lab-read-point");
  }

  @Test
  void shouldWalkAnExternalLegThroughItsResultsTask() {
    // given a campaign whose next leg is external (mechanical shock at a station)
    final String campaignId = "C-5";
    final long instance = launch(campaignId);
    complete(instance, "campaign.validate-plan", "validate-plan", Map.of("legsTotal", 1));
    complete(instance, "chamber.reserve", "reserve-chamber", Map.of());
    complete(instance, "campaign.register-modules", "register-modules", Map.of());
    complete(
        instance,
        "campaign.next-leg",
        "select-leg",
        Map.of("moreLegs", true, "legsWave", List.of("shock")));
    complete(
        instance,
        "campaign.prepare-leg",
        "prepare-leg",
        Map.of(
            "legName",
            "Mechanical shock",
            "legExternal",
            true,
            "externalTest",
            "MECHANICAL_SHOCK",
            "externalConditions",
            "500 g, 1.0 ms",
            "externalStation",
            "shock-table-1",
            "legSamples",
            "M01, M02, M03"));

    // when lab staff enter its results (no chamber profile starts), and the worker records them
    completeUserTask(
        instance,
        "enter-external-results",
        Map.of(
            "failedModules",
            "M02",
            "stationRecord",
            "ST-2026-0412",
            "performedBy",
            "ana",
            "testDate",
            "2026-12-04"));
    // the worker finds they do not fit (a module not on test): the task comes back to lab staff
    final ActivatedJob refused = activate("campaign.external-results", instance);
    client
        .newThrowErrorCommand(refused)
        .errorCode("EXTERNAL_RESULTS_INVALID")
        .errorMessage("failedModules: 'M09' is not a module on test in leg 'shock'")
        .send()
        .join();
    completeUserTask(
        instance,
        "enter-external-results",
        Map.of(
            "failedModules",
            "M02",
            "stationRecord",
            "ST-2026-0412",
            "performedBy",
            "ana",
            "testDate",
            "2026-12-04"));
    final ActivatedJob record = activate("campaign.external-results", instance);
    assertThat(record.getElementId()).isEqualTo("record-external-results");
    assertThat(record.getVariablesAsMap())
        .containsEntry("leg", "shock")
        .containsEntry("failedModules", "M02")
        .containsEntry("stationRecord", "ST-2026-0412");
    client.newCompleteCommand(record).variables(Map.of("externalFailed", 1)).send().join();

    // then the leg is recorded like a chamber leg and the loop goes on
    complete(instance, "campaign.leg-completed", "record-leg", Map.of("legsDone", 1));
    complete(instance, "campaign.next-leg", "select-leg", Map.of("moreLegs", false));
    complete(instance, "campaign.check-analyses", "check-analyses", Map.of("openAnalyses", 0));
    complete(instance, "campaign.report", "generate-report", Map.of("verdict", "FAIL"));
    completeUserTask(instance, "approve-report", Map.of("approval", "approve", "reviewer", "cy"));
    complete(instance, "campaign.finish", "close-campaign", Map.of("outcome", "APPROVED"));
    awaitState(instance, ProcessInstanceState.COMPLETED);
  }

  @Test
  void shouldSendALabTaskReadPointToTheLabStation() {
    // given a chamber leg running, its read points measured as a lab task
    final String campaignId = "C-6";
    final long instance = launch(campaignId);
    complete(instance, "campaign.validate-plan", "validate-plan", Map.of("legsTotal", 1));
    complete(instance, "chamber.reserve", "reserve-chamber", Map.of());
    complete(instance, "campaign.register-modules", "register-modules", Map.of());
    complete(
        instance,
        "campaign.next-leg",
        "select-leg",
        Map.of("moreLegs", true, "legsWave", List.of("dh")));
    complete(
        instance,
        "campaign.prepare-leg",
        "prepare-leg",
        Map.of("legName", "Damp heat", "legTimeout", "PT1H"));
    completeUserTask(instance, "load-modules", Map.of("loadedBy", "ana", "modulesConnected", true));
    complete(instance, "sampling.baseline", "baseline", Map.of("baselineModules", 3));
    complete(instance, "profile.start", "start-profile", Map.of("runId", "R-6"));

    // when a read point is reached and the sampling step hands it to lab staff
    publish("read-point-reached", campaignId + "/dh");
    complete(
        instance,
        "sampling.read-point",
        "sample-read-point",
        Map.of(
            "readPointMode",
            "LAB_TASK",
            "readPointLabel",
            "1 h",
            "readPointReachedAt",
            "2026-12-04T10:00:00Z",
            "legSamples",
            "M01, M02, M03"));
    final Map<String, Object> entry =
        Map.of(
            "modulesOutAt",
            "2026-12-04T10:05Z",
            "modulesBackAt",
            "2026-12-04T10:50Z",
            "stationRecord",
            "LAB-0001",
            "measuredBy",
            "ana",
            "failedModules",
            "M02");
    completeUserTask(instance, "measure-at-lab", entry);
    // the worker finds it does not fit: the task comes back to lab staff
    final ActivatedJob refused = activate("campaign.lab-read-point", instance);
    assertThat(refused.getElementId()).isEqualTo("record-lab-read-point");
    client
        .newThrowErrorCommand(refused)
        .errorCode("LAB_RESULTS_INVALID")
        .errorMessage("failedModules: 'M09' is not a module on test in leg 'dh'")
        .send()
        .join();
    completeUserTask(instance, "measure-at-lab", entry);
    final ActivatedJob record = activate("campaign.lab-read-point", instance);
    assertThat(record.getVariablesAsMap())
        .containsEntry("leg", "dh")
        .containsEntry("readPointLabel", "1 h")
        .containsEntry("stationRecord", "LAB-0001")
        .containsEntry("modulesOutAt", "2026-12-04T10:05Z");
    client.newCompleteCommand(record).variables(Map.of("labFailed", 1)).send().join();

    // then a read point sampled by the probe goes straight to its end, and the leg ends as usual
    publish("read-point-reached", campaignId + "/dh");
    complete(
        instance,
        "sampling.read-point",
        "sample-read-point",
        Map.of("readPointMode", "RECOVERY", "readPointLabel", ""));
    publish("leg-completed", campaignId + "/dh");
    complete(instance, "sampling.read-point", "final-read-point", Map.of());
    completeUserTask(instance, "unload-leg-modules", Map.of("unloadedBy", "ben"));
    complete(instance, "campaign.leg-unloaded", "record-leg-unload", Map.of("modulesUnloaded", 3));
    complete(instance, "campaign.leg-completed", "record-leg", Map.of("legsDone", 1));
    complete(instance, "campaign.next-leg", "select-leg", Map.of("moreLegs", false));
    complete(instance, "campaign.check-analyses", "check-analyses", Map.of("openAnalyses", 0));
    complete(instance, "campaign.report", "generate-report", Map.of("verdict", "FAIL"));
    completeUserTask(instance, "approve-report", Map.of("approval", "approve", "reviewer", "cy"));
    complete(instance, "campaign.finish", "close-campaign", Map.of("outcome", "APPROVED"));
    awaitState(instance, ProcessInstanceState.COMPLETED);
  }

  @Test
  void shouldRunACampaignFromLaunchToClosed() {
    // given
    final String campaignId = "C-1";
    final long instance =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("campaign")
            .latestVersion()
            .variables(
                Map.of(
                    "campaignId",
                    campaignId,
                    "campaign",
                    "QSFP-DD 400G qualification",
                    "chamber",
                    "chamber-1",
                    "reminderAfter",
                    "PT1H"))
            .send()
            .join()
            .getProcessInstanceKey();

    // when the workers and lab staff do their parts, in order
    complete(
        instance,
        "campaign.validate-plan",
        "validate-plan",
        Map.of("legsTotal", 1, "modulesTotal", 4));
    complete(instance, "chamber.reserve", "reserve-chamber", Map.of("chamberReserved", true));
    complete(instance, "campaign.register-modules", "register-modules", Map.of());
    complete(
        instance,
        "campaign.next-leg",
        "select-leg",
        Map.of("moreLegs", true, "legsWave", List.of("L1")));
    complete(
        instance,
        "campaign.prepare-leg",
        "prepare-leg",
        Map.of("legName", "Temperature cycling", "legIndex", 1, "legTimeout", "PT1H"));
    completeUserTask(instance, "load-modules", Map.of("loadedBy", "ana", "modulesConnected", true));
    complete(instance, "sampling.baseline", "baseline", Map.of("baselineModules", 3));
    complete(instance, "profile.start", "start-profile", Map.of("runId", "R-1"));

    // a read point is reached and a module fails while the leg runs: handled beside it
    publish("read-point-reached", campaignId + "/L1");
    complete(
        instance,
        "sampling.read-point",
        "sample-read-point",
        Map.of("hoursDone", 100, "cyclesDone", 50, "lastReadPoint", "RP-1", "failures", 1));
    publish("module-failed", campaignId);
    complete(instance, "campaign.count-failure", "count-failure", Map.of("failures", 1));

    publish("leg-completed", campaignId + "/L1");
    complete(instance, "sampling.read-point", "final-read-point", Map.of("lastReadPoint", "RP-2"));
    completeUserTask(instance, "unload-leg-modules", Map.of("unloadedBy", "ben"));
    complete(instance, "campaign.leg-unloaded", "record-leg-unload", Map.of("modulesUnloaded", 3));
    complete(
        instance,
        "campaign.leg-completed",
        "record-leg",
        Map.of("legsDone", 1, "progressPercent", 100));
    complete(instance, "campaign.next-leg", "select-leg", Map.of("moreLegs", false));

    // one failure analysis is still open: the campaign waits for it, then checks again
    complete(
        instance,
        "campaign.check-analyses",
        "check-analyses",
        Map.of("openAnalyses", 1, "confirmedFailures", 0));
    publish("failure-analysis-closed", campaignId);
    complete(
        instance,
        "campaign.check-analyses",
        "check-analyses",
        Map.of("openAnalyses", 0, "confirmedFailures", 0));
    complete(
        instance,
        "campaign.report",
        "generate-report",
        Map.of("verdict", "PASS", "report", "L1 PASS (0 of 4 failed)"));
    completeUserTask(instance, "approve-report", Map.of("approval", "approve", "reviewer", "cy"));
    final ActivatedJob finish = activate("campaign.finish", instance);
    assertThat(finish.getElementId()).isEqualTo("close-campaign");
    assertThat(finish.getCustomHeaders()).containsEntry("outcome", "APPROVED");
    client.newCompleteCommand(finish).variables(Map.of("outcome", "APPROVED")).send().join();

    // then
    awaitState(instance, ProcessInstanceState.COMPLETED);
  }

  @Test
  void shouldResumeALegAfterAChamberAlarm() {
    // given a campaign in its leg
    final String campaignId = "C-2";
    final long instance = launch(campaignId);
    complete(instance, "campaign.validate-plan", "validate-plan", Map.of("legsTotal", 1));
    complete(instance, "chamber.reserve", "reserve-chamber", Map.of());
    complete(instance, "campaign.register-modules", "register-modules", Map.of());
    complete(
        instance,
        "campaign.next-leg",
        "select-leg",
        Map.of("moreLegs", true, "legsWave", List.of("tc")));
    complete(instance, "campaign.prepare-leg", "prepare-leg", Map.of("legTimeout", "PT1H"));
    completeUserTask(instance, "load-modules", Map.of("loadedBy", "ana", "modulesConnected", true));
    complete(instance, "sampling.baseline", "baseline", Map.of("baselineModules", 3));
    complete(instance, "profile.start", "start-profile", Map.of("runId", "R-2"));

    // when the chamber raises an alarm and lab staff resume
    publish("chamber-alarm", campaignId + "/tc");
    complete(instance, "chamber.safe-state", "safe-state", Map.of("alarm", "over-temperature"));
    completeUserTask(
        instance,
        "resolve-alarm",
        Map.of("alarmResolution", "resume", "alarmCause", "door seal", "resolvedBy", "ana"));
    complete(instance, "profile.resume", "resume-profile", Map.of());

    // then the leg starts again, resuming its run, and the campaign goes on
    complete(instance, "profile.start", "start-profile", Map.of("runId", "R-2"));
    publish("leg-completed", campaignId + "/tc");
    complete(instance, "sampling.read-point", "final-read-point", Map.of());
    completeUserTask(instance, "unload-leg-modules", Map.of("unloadedBy", "ben"));
    complete(instance, "campaign.leg-unloaded", "record-leg-unload", Map.of("modulesUnloaded", 3));
    complete(instance, "campaign.leg-completed", "record-leg", Map.of("legsDone", 1));
    complete(instance, "campaign.next-leg", "select-leg", Map.of("moreLegs", false));

    // and an abort request ends it from wherever it is
    publish("campaign-abort", campaignId);
    // modules in the chamber (as the worker would find them): lab staff unload them, the report
    // says what was done, then the campaign is recorded as aborted
    complete(
        instance,
        "campaign.abort",
        "abort-on-request",
        Map.of("verdict", "ABORTED", "modulesLoaded", true));
    completeUserTask(instance, "abort-unload-modules", Map.of("unloadedBy", "ben"));
    complete(instance, "campaign.unloaded", "record-abort-unload", Map.of("modulesUnloaded", 3));
    complete(instance, "campaign.report", "abort-report", Map.of("verdict", "ABORTED"));
    final ActivatedJob finish = activate("campaign.finish", instance);
    assertThat(finish.getElementId()).isEqualTo("finish-aborted");
    assertThat(finish.getCustomHeaders()).containsEntry("outcome", "ABORTED");
    client.newCompleteCommand(finish).send().join();
    awaitState(instance, ProcessInstanceState.COMPLETED);
  }

  @Test
  void shouldRunAWavesLegsAtOnceEachWithItsOwnVariablesAndMessages() {
    // given a wave of two legs in two chambers
    final String campaignId = "C-7";
    final long instance = launch(campaignId);
    complete(instance, "campaign.validate-plan", "validate-plan", Map.of("legsTotal", 2));
    complete(instance, "chamber.reserve", "reserve-chamber", Map.of());
    complete(instance, "campaign.register-modules", "register-modules", Map.of());
    complete(
        instance,
        "campaign.next-leg",
        "select-leg",
        Map.of("moreLegs", true, "legsWave", List.of("tc", "dh")));

    // when both legs are prepared and started (the jobs come in either order)
    for (final ActivatedJob prepare : activateAll("campaign.prepare-leg", instance, 2)) {
      final String leg = (String) prepare.getVariablesAsMap().get("leg");
      client
          .newCompleteCommand(prepare)
          .variables(Map.of("legName", leg.toUpperCase(), "legTimeout", "PT1H"))
          .send()
          .join();
    }
    // each leg has its own modules loaded and baselined, in its own chamber
    completeUserTasks(
        instance, "load-modules", 2, Map.of("loadedBy", "ana", "modulesConnected", true));
    final java.util.Set<String> baselined = new java.util.HashSet<>();
    for (final ActivatedJob baseline : activateAll("sampling.baseline", instance, 2)) {
      assertThat(baseline.getElementId()).isEqualTo("baseline");
      baselined.add((String) baseline.getVariablesAsMap().get("leg"));
      client.newCompleteCommand(baseline).variables(Map.of("baselineModules", 3)).send().join();
    }
    assertThat(baselined).containsExactlyInAnyOrder("tc", "dh");
    for (final ActivatedJob start : activateAll("profile.start", instance, 2)) {
      final String leg = (String) start.getVariablesAsMap().get("leg");
      assertThat(start.getVariablesAsMap()).containsEntry("legName", leg.toUpperCase());
      client.newCompleteCommand(start).variables(Map.of("runId", "R-" + leg)).send().join();
    }

    // then a read point of dh reaches dh only, with dh's variables
    publish("read-point-reached", campaignId + "/dh");
    final ActivatedJob sample = activate("sampling.read-point", instance);
    assertThat(sample.getVariablesAsMap())
        .containsEntry("leg", "dh")
        .containsEntry("runId", "R-dh")
        .containsEntry("legName", "DH");
    client
        .newCompleteCommand(sample)
        .variables(Map.of("hoursDone", 20, "readPointMode", "RECOVERY", "readPointLabel", ""))
        .send()
        .join();

    // and when tc's chamber raises an alarm that lab staff resolve as abort, the whole wave stops
    publish("chamber-alarm", campaignId + "/tc");
    final ActivatedJob safe = activate("chamber.safe-state", instance);
    assertThat(safe.getVariablesAsMap()).containsEntry("leg", "tc").containsEntry("runId", "R-tc");
    client.newCompleteCommand(safe).variables(Map.of("alarm", "over-temperature")).send().join();
    completeUserTask(
        instance,
        "resolve-alarm",
        Map.of("alarmResolution", "abort", "alarmCause", "heater relay", "resolvedBy", "ana"));
    final ActivatedJob abort = activate("campaign.abort", instance);
    assertThat(abort.getElementId()).isEqualTo("abort-after-alarm");
    assertThat(abort.getVariablesAsMap())
        .containsEntry("alarmCause", "heater relay")
        .containsEntry("leg", "tc");
    client
        .newCompleteCommand(abort)
        .variables(Map.of("verdict", "ABORTED", "modulesLoaded", true))
        .send()
        .join();

    // the modules are unloaded, no leg left waiting; the campaign goes on to its report
    completeUserTask(instance, "unload-modules", Map.of("unloadedBy", "ben"));
    final ActivatedJob unloaded = activate("campaign.unloaded", instance);
    assertThat(unloaded.getVariablesAsMap())
        .doesNotContainKeys("leg", "hoursDone", "alarmCause")
        .containsEntry("verdict", "ABORTED");
    client.newCompleteCommand(unloaded).send().join();
    complete(instance, "campaign.check-analyses", "check-analyses", Map.of("openAnalyses", 0));
    complete(instance, "campaign.report", "generate-report", Map.of("verdict", "ABORTED"));
    completeUserTask(instance, "approve-report", Map.of("approval", "approve", "reviewer", "cy"));
    complete(instance, "campaign.finish", "close-campaign", Map.of("outcome", "APPROVED"));
    awaitState(instance, ProcessInstanceState.COMPLETED);
  }

  @Test
  void shouldRejectAnInvalidPlan() {
    // given
    final long instance = launch("C-3");

    // when
    final ActivatedJob validate = activate("campaign.validate-plan", instance);
    client
        .newThrowErrorCommand(validate)
        .errorCode("PLAN_INVALID")
        .errorMessage("chamber-9 is not installed")
        .send()
        .join();

    // then
    final ActivatedJob finish = activate("campaign.finish", instance);
    assertThat(finish.getElementId()).isEqualTo("record-plan-rejection");
    assertThat(finish.getCustomHeaders()).containsEntry("outcome", "PLAN_INVALID");
    client.newCompleteCommand(finish).send().join();
    awaitState(instance, ProcessInstanceState.COMPLETED);
  }

  @Test
  void shouldReportEveryFailureAnalysisOutcome() {
    // could not duplicate
    final long cnd = launchFailureAnalysis("C-4/SN-1");
    completeUserTask(cnd, "verify-failure", Map.of("verification", "CND"));
    complete(cnd, "failure-analysis.report-outcome", "report-cnd", Map.of());
    awaitState(cnd, ProcessInstanceState.COMPLETED);

    // confirmed, analysed, corrected
    final long confirmed = launchFailureAnalysis("C-4/SN-2");
    completeUserTask(confirmed, "verify-failure", Map.of("verification", "CONFIRMED"));
    completeUserTask(
        confirmed, "analyse-root-cause", Map.of("failureClock", "WEAR_OUT", "mechanism", "VCSEL"));
    completeUserTask(
        confirmed, "record-corrective-action", Map.of("correctiveAction", "screen lot"));
    complete(confirmed, "failure-analysis.report-outcome", "report-confirmed", Map.of());
    awaitState(confirmed, ProcessInstanceState.COMPLETED);
  }

  // ------------------------------------------------------------------------------------- helpers

  private long launch(final String campaignId) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId("campaign")
        .latestVersion()
        .variables(Map.of("campaignId", campaignId, "reminderAfter", "PT1H"))
        .send()
        .join()
        .getProcessInstanceKey();
  }

  private long launchFailureAnalysis(final String businessId) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId("failure-analysis")
        .latestVersion()
        .variables(Map.of("campaignId", businessId.split("/")[0], "serial", businessId))
        .send()
        .join()
        .getProcessInstanceKey();
  }

  /** Activates the next job of a type for this instance, waiting for it. */
  private ActivatedJob activate(final String type, final long instance) {
    return await()
        .atMost(WAIT)
        .until(
            () ->
                client
                    .newActivateJobsCommand()
                    .jobType(type)
                    .maxJobsToActivate(10)
                    .requestTimeout(Duration.ofSeconds(1))
                    .send()
                    .join()
                    .getJobs()
                    .stream()
                    .filter(
                        j -> {
                          if (j.getProcessInstanceKey() == instance) {
                            return true;
                          }
                          // not ours (another test's instance): give it back at once
                          client.newFailCommand(j).retries(j.getRetries()).send().join();
                          return false;
                        })
                    .findFirst()
                    .orElse(null),
            job -> job != null);
  }

  /** Activates the next {@code count} jobs of a type for this instance (jobs of a wave's legs). */
  private List<ActivatedJob> activateAll(final String type, final long instance, final int count) {
    final List<ActivatedJob> jobs = new java.util.ArrayList<>();
    await()
        .atMost(WAIT)
        .until(
            () -> {
              for (final ActivatedJob j :
                  client
                      .newActivateJobsCommand()
                      .jobType(type)
                      .maxJobsToActivate(10)
                      .requestTimeout(Duration.ofSeconds(1))
                      .send()
                      .join()
                      .getJobs()) {
                if (j.getProcessInstanceKey() == instance) {
                  jobs.add(j);
                } else {
                  client.newFailCommand(j).retries(j.getRetries()).send().join();
                }
              }
              return jobs.size() >= count;
            });
    return jobs;
  }

  private void complete(
      final long instance,
      final String type,
      final String elementId,
      final Map<String, Object> variables) {
    final ActivatedJob job = activate(type, instance);
    assertThat(job.getElementId()).as("element of the %s job", type).isEqualTo(elementId);
    client.newCompleteCommand(job).variables(variables).send().join();
  }

  /** Completes {@code count} open user tasks of one element (e.g. one per leg of a wave). */
  private void completeUserTasks(
      final long instance,
      final String elementId,
      final int count,
      final Map<String, Object> variables) {
    final List<UserTask> tasks =
        await()
            .atMost(WAIT)
            .until(
                () ->
                    client
                        .newUserTaskSearchRequest()
                        .filter(
                            f ->
                                f.processInstanceKey(instance)
                                    .elementId(elementId)
                                    .state(UserTaskState.CREATED))
                        .send()
                        .join()
                        .items(),
                t -> t.size() >= count);
    for (final UserTask task : tasks.subList(0, count)) {
      assertThat(task.getFormKey()).as("form of %s", elementId).isNotNull();
      client.newCompleteUserTaskCommand(task.getUserTaskKey()).variables(variables).send().join();
    }
  }

  private void completeUserTask(
      final long instance, final String elementId, final Map<String, Object> variables) {
    completeUserTasks(instance, elementId, 1, variables);
  }

  private void publish(final String message, final String campaignId) {
    client
        .newPublishMessageCommand()
        .messageName(message)
        .correlationKey(campaignId)
        .timeToLive(Duration.ofMinutes(1))
        .send()
        .join();
  }

  private void awaitState(final long instance, final ProcessInstanceState state) {
    await()
        .atMost(WAIT)
        .until(
            () -> client.newProcessInstanceGetRequest(instance).send().join().getState(),
            s -> s == state);
  }
}
