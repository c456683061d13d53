package io.stressflow.workflows.workflow;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobWorker;
import io.stressflow.workflows.campaign.CampaignSteps;
import io.stressflow.workflows.campaign.WorkflowStepException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Job workers for the campaign and failure-analysis models (bpmn/README.md lists the job types).
 * They are adapters: read the job's variables and headers, call {@link CampaignSteps}, complete the
 * job with the variables it answers, or fail it. No business rules live here; every step is
 * idempotent, so a job that arrives twice does no harm.
 *
 * <p>A {@link WorkflowStepException} with an error code becomes a BPMN error the model catches;
 * without one, or any other exception, the job fails with one retry fewer and a back-off, and the
 * engine raises an incident (visible in Operate) when the retries run out.
 */
@Component
class CampaignJobWorkers {

  private static final Logger log = LoggerFactory.getLogger(CampaignJobWorkers.class);

  private final CamundaClient client;
  private final CampaignSteps steps;
  private final CamundaProperties properties;
  private final JobRedeliveries redeliveries;
  private final List<JobWorker> workers = new ArrayList<>();

  CampaignJobWorkers(
      CamundaClient client,
      CampaignSteps steps,
      CamundaProperties properties,
      JobRedeliveries redeliveries) {
    this.client = client;
    this.steps = steps;
    this.properties = properties;
    this.redeliveries = redeliveries;
  }

  void open() {
    open("campaign.validate-plan", j -> steps.validatePlan(campaignId(j)));
    open("chamber.reserve", j -> steps.reserveChamber(campaignId(j)));
    open("campaign.register-modules", j -> steps.registerModules(campaignId(j)));
    open("sampling.baseline", j -> steps.baseline(campaignId(j), optional(j, "leg")));
    open("campaign.next-leg", j -> steps.nextLeg(campaignId(j)));
    open("campaign.prepare-leg", j -> steps.prepareLeg(campaignId(j), leg(j)));
    open("profile.start", j -> steps.startProfile(campaignId(j), leg(j)));
    open("sampling.read-point", j -> steps.sampleReadPoints(campaignId(j), leg(j)));
    open("chamber.safe-state", j -> steps.safeState(campaignId(j), leg(j), j.getKey()));
    open("profile.resume", j -> steps.resumeProfile(campaignId(j), leg(j)));
    open("campaign.leg-completed", j -> steps.legCompleted(campaignId(j), leg(j)));
    open(
        "campaign.external-results",
        j -> steps.recordExternalResults(campaignId(j), leg(j), j.getVariablesAsMap()));
    open(
        "campaign.lab-read-point",
        j ->
            steps.recordLabReadPoint(
                campaignId(j), leg(j), variable(j, "readPointLabel"), j.getVariablesAsMap()));
    open("campaign.count-failure", j -> steps.countFailures(campaignId(j)));
    open("campaign.check-analyses", j -> steps.checkAnalyses(campaignId(j)));
    open("campaign.report", j -> steps.report(campaignId(j)));
    open("campaign.abort", j -> steps.abort(campaignId(j), abortReason(j), modulesInChamber(j)));
    open(
        "campaign.leg-unloaded",
        j -> steps.legUnloaded(campaignId(j), leg(j), optional(j, "unloadedBy")));
    open("campaign.unloaded", j -> steps.unloaded(campaignId(j), optional(j, "unloadedBy")));
    open("campaign.finish", j -> steps.finish(campaignId(j), header(j, "outcome")));
    open("campaign.remind", j -> steps.remind(campaignId(j), waitingFor(j), j.getKey()));
    open(
        "failure-analysis.report-outcome",
        j ->
            steps.failureAnalysisClosed(
                campaignId(j), variable(j, "serial"), variable(j, "verification")));
  }

  void close() {
    workers.forEach(JobWorker::close);
    workers.clear();
  }

  private void open(String type, Function<ActivatedJob, Map<String, Object>> step) {
    workers.add(
        client
            .newWorker()
            .jobType(type)
            .handler((jobs, job) -> run(type, step, job))
            .name("stressflow")
            .timeout(properties.workerTimeout())
            .open());
  }

  private void run(
      String type, Function<ActivatedJob, Map<String, Object>> step, ActivatedJob job) {
    Map<String, Object> variables;
    try {
      variables = step.apply(job);
      if (redeliveries.enabled()) {
        // the drill: the job delivered again, as after a lost completion
        Map<String, Object> again = step.apply(job);
        redeliveries.record(type, variables, again);
        variables = again;
      }
    } catch (WorkflowStepException e) {
      if (e.errorCode() != null) {
        log.info("{} of instance {}: {}", type, job.getProcessInstanceKey(), e.getMessage());
        client
            .newThrowErrorCommand(job.getKey())
            .errorCode(e.errorCode())
            .errorMessage(e.getMessage())
            .send()
            .join();
      } else {
        fail(type, job, e.getMessage());
      }
      return;
    } catch (RuntimeException e) {
      log.warn("{} of instance {} failed", type, job.getProcessInstanceKey(), e);
      fail(type, job, e.getClass().getSimpleName() + ": " + e.getMessage());
      return;
    }
    client.newCompleteCommand(job.getKey()).variables(variables).send().join();
  }

  private void fail(String type, ActivatedJob job, String message) {
    int retries = Math.max(0, job.getRetries() - 1);
    log.warn(
        "{} of instance {} failed ({} retries left): {}",
        type,
        job.getProcessInstanceKey(),
        retries,
        message);
    client
        .newFailCommand(job.getKey())
        .retries(retries)
        .retryBackoff(properties.retryBackoff())
        .errorMessage(message)
        .send()
        .join();
  }

  private static String campaignId(ActivatedJob job) {
    return variable(job, "campaignId");
  }

  private static String leg(ActivatedJob job) {
    return variable(job, "leg");
  }

  private static String variable(ActivatedJob job, String name) {
    Object value = job.getVariablesAsMap().get(name);
    if (value == null || value.toString().isBlank()) {
      throw new WorkflowStepException(
          null,
          "Task '%s' needs the process variable '%s', which is not set"
              .formatted(job.getElementId(), name));
    }
    return value.toString();
  }

  /** Why the campaign is aborted: the request's reason, or the chamber alarm lab staff resolved. */
  private static String abortReason(ActivatedJob job) {
    String reason = optional(job, "abortReason");
    if (reason != null) {
      return reason;
    }
    String cause = optional(job, "alarmCause");
    return cause == null ? null : "after a chamber alarm: " + cause;
  }

  /** Lab staff loaded the modules (the load task's checkbox) and have not unloaded them yet. */
  private static boolean modulesInChamber(ActivatedJob job) {
    Object connected = job.getVariablesAsMap().get("modulesConnected");
    return "true".equals(String.valueOf(connected)) && optional(job, "unloadedBy") == null;
  }

  private static String optional(ActivatedJob job, String name) {
    Object value = job.getVariablesAsMap().get(name);
    return value == null || value.toString().isBlank() ? null : value.toString();
  }

  private static String header(ActivatedJob job, String name) {
    String value = job.getCustomHeaders().get(name);
    if (value == null || value.isBlank()) {
      throw new WorkflowStepException(
          null, "Task '%s' needs the header '%s'".formatted(job.getElementId(), name));
    }
    return value;
  }

  private static String waitingFor(ActivatedJob job) {
    String id = job.getElementId();
    // reminder tasks are named <task>-remind after the user task they stand guard over
    return id.endsWith("-remind") ? id.substring(0, id.length() - "-remind".length()) : id;
  }
}
