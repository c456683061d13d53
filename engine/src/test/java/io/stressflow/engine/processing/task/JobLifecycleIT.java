package io.stressflow.engine.processing.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.stressflow.engine.EventLog.Intent;
import io.stressflow.engine.test.EngineTestBase;
import io.stressflow.engine.test.Problems;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobLifecycleIT extends EngineTestBase {

  @AfterEach
  void resetClock() {
    client.newResetClockCommand().send().join();
  }

  private String deployOneTask() {
    final String processId = processId();
    deploy(
        Bpmn.createExecutableProcess(processId)
            .startEvent()
            .serviceTask("task", t -> t.zeebeJobType(processId).zeebeJobRetries("2"))
            .endEvent()
            .done());
    return processId;
  }

  @Test
  void shouldAnswerEmptyLongPollAfterRequestTimeout() {
    // when
    final long start = System.nanoTime();
    final List<ActivatedJob> jobs =
        client
            .newActivateJobsCommand()
            .jobType(processId())
            .maxJobsToActivate(1)
            .requestTimeout(Duration.ofMillis(400))
            .send()
            .join()
            .getJobs();

    // then
    final long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
    assertThat(jobs).isEmpty();
    assertThat(elapsedMillis).isBetween(350L, 9000L);
  }

  @Test
  void shouldHandOutJobCreatedDuringLongPoll() {
    // given
    final String processId = deployOneTask();
    final var poll =
        client
            .newActivateJobsCommand()
            .jobType(processId)
            .maxJobsToActivate(1)
            .requestTimeout(Duration.ofSeconds(8))
            .send();

    // when
    final long instance = createInstance(processId);

    // then
    final List<ActivatedJob> jobs = poll.join().getJobs();
    assertThat(jobs).hasSize(1);
    assertThat(jobs.get(0).getProcessInstanceKey()).isEqualTo(instance);
  }

  @Test
  void shouldRetryFailedJobAndRaiseIncidentWithoutRetries() {
    // given
    final String processId = deployOneTask();
    final long instance = createInstance(processId);

    // when
    final ActivatedJob first = activateJob(processId);
    client.newFailCommand(first).retries(1).errorMessage("chamber offline").send().join();
    final ActivatedJob second = activateJob(processId);
    client.newFailCommand(second).retries(0).errorMessage("chamber still offline").send().join();

    // then
    assertThat(second.getKey()).isEqualTo(first.getKey());
    assertThat(second.getRetries()).isEqualTo(1);
    final var incidents = incidentsOf(instance);
    assertThat(incidents).hasSize(1);
    assertThat(incidents.get(0).getErrorMessage()).isEqualTo("chamber still offline");
    assertThat(incidents.get(0).getErrorType().name()).isEqualTo("JOB_NO_RETRIES");
    assertThat(incidents.get(0).getJobKey()).isEqualTo(first.getKey());

    // and when retries are given back and the incident resolved, the job comes back
    client.newUpdateRetriesCommand(first.getKey()).retries(1).send().join();
    client.newResolveIncidentCommand(incidents.get(0).getIncidentKey()).send().join();
    final ActivatedJob third = activateJob(processId);
    client.newCompleteCommand(third).send().join();
    awaitCompleted(instance, processId);
  }

  @Test
  void shouldHoldBackFailedJobDuringRetryBackOff() {
    // given
    final Instant start = Instant.parse("2035-03-01T00:00:00Z");
    client.newPinClockCommand().time(start).send().join();
    final String processId = deployOneTask();
    createInstance(processId);
    final ActivatedJob job = activateJob(processId);

    // when
    client.newFailCommand(job).retries(1).retryBackoff(Duration.ofMinutes(5)).send().join();

    // then
    assertThat(activateNow(processId)).isEmpty();
    client.newPinClockCommand().time(start.plus(Duration.ofMinutes(4))).send().join();
    assertThat(activateNow(processId)).isEmpty();
    client.newPinClockCommand().time(start.plus(Duration.ofMinutes(5))).send().join();
    assertThat(activateNow(processId))
        .extracting(ActivatedJob::getKey)
        .containsExactly(job.getKey());
  }

  @Test
  void shouldGiveBackJobWhoseLeaseExpired() {
    // given
    final Instant start = Instant.parse("2035-04-01T00:00:00Z");
    client.newPinClockCommand().time(start).send().join();
    final String processId = deployOneTask();
    createInstance(processId);
    final ActivatedJob leased =
        client
            .newActivateJobsCommand()
            .jobType(processId)
            .maxJobsToActivate(1)
            .timeout(Duration.ofMinutes(1))
            .requestTimeout(Duration.ofSeconds(5))
            .send()
            .join()
            .getJobs()
            .get(0);
    assertThat(leased.getDeadline()).isEqualTo(start.plus(Duration.ofMinutes(1)).toEpochMilli());
    assertThat(activateNow(processId)).isEmpty();

    // when the worker never answers and the lease runs out
    client.newPinClockCommand().time(start.plus(Duration.ofMinutes(2))).send().join();

    // then the job is handed out again
    assertThat(activateNow(processId))
        .extracting(ActivatedJob::getKey)
        .containsExactly(leased.getKey());
  }

  @Test
  void shouldExtendLeaseOnTimeoutUpdate() {
    // given
    final Instant start = Instant.parse("2035-05-01T00:00:00Z");
    client.newPinClockCommand().time(start).send().join();
    final String processId = deployOneTask();
    createInstance(processId);
    final ActivatedJob leased =
        client
            .newActivateJobsCommand()
            .jobType(processId)
            .maxJobsToActivate(1)
            .timeout(Duration.ofMinutes(1))
            .requestTimeout(Duration.ofSeconds(5))
            .send()
            .join()
            .getJobs()
            .get(0);

    // when
    client.newUpdateTimeoutCommand(leased).timeout(Duration.ofMinutes(10)).send().join();
    client.newPinClockCommand().time(start.plus(Duration.ofMinutes(2))).send().join();

    // then
    assertThat(activateNow(processId)).isEmpty();
  }

  private List<ActivatedJob> activateNow(final String type) {
    return client
        .newActivateJobsCommand()
        .jobType(type)
        .maxJobsToActivate(1)
        .requestTimeout(Duration.ofMillis(-1))
        .send()
        .join()
        .getJobs();
  }

  @Test
  void shouldRejectCompletionOfUnknownJobWith404() {
    final ProblemException problem =
        Problems.problemOf(() -> client.newCompleteCommand(42L).send().join());
    assertThat(problem.code()).isEqualTo(404);
    assertThat(problem.details().getTitle()).isEqualTo("NOT_FOUND");
  }

  @Test
  void shouldMergeCompletionVariablesIntoInstance() {
    // given
    final String processId = deployOneTask();
    final long instance = createInstance(processId, Map.of("x", 1));

    // when
    client
        .newCompleteCommand(activateJob(processId))
        .variables(Map.of("x", 2, "y", "new"))
        .send()
        .join();

    // then
    awaitCompleted(instance, processId);
    assertThat(log().intents(instance, "task")).isEqualTo(COMPLETED);
    final var variables =
        client
            .newVariableSearchRequest()
            .filter(f -> f.processInstanceKey(instance))
            .send()
            .join()
            .items();
    assertThat(variables)
        .extracting(v -> v.getName() + "=" + v.getValue())
        .containsExactlyInAnyOrder("x=2", "y=\"new\"");
    assertThat(log().intents(instance, processId)).contains(Intent.ELEMENT_COMPLETED);
  }

  @Test
  void shouldSearchOpenJobsByTypeAndState() {
    // given a job failed once with a retry left, and one failed for good
    final String processId = deployOneTask();
    final long instance = createInstance(processId);
    final ActivatedJob job = activateJob(processId);
    client.newFailCommand(job).retries(1).errorMessage("chamber offline").send().join();

    // when
    final var found =
        client.newJobSearchRequest().filter(f -> f.type(processId)).send().join().items();

    // then
    assertThat(found).hasSize(1);
    assertThat(found.get(0).getJobKey()).isEqualTo(job.getKey());
    assertThat(found.get(0).getProcessInstanceKey()).isEqualTo(instance);
    assertThat(found.get(0).getState().name()).isEqualTo("FAILED");
    assertThat(found.get(0).hasFailedWithRetriesLeft()).isTrue();
    assertThat(found.get(0).getErrorMessage()).isEqualTo("chamber offline");
    assertThat(found.get(0).getRetries()).isEqualTo(1);

    // and a filter it does not know is a 400, as on a cluster
    final ProblemException unknown =
        Problems.problemOf(
            () ->
                client
                    .newJobSearchRequest()
                    .sort(s -> s.jobKey().desc())
                    .page(p -> p.limit(10_001))
                    .send()
                    .join());
    assertThat(unknown.code()).isEqualTo(400);
  }
}
