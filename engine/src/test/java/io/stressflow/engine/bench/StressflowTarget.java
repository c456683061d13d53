package io.stressflow.engine.bench;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.builder.AbstractFlowNodeBuilder;
import io.stressflow.engine.Engine;
import io.stressflow.engine.EngineConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Our engine on an H2 file, driven through the real Camunda client over loopback REST. */
final class StressflowTarget implements BenchmarkTarget {
  private final Engine engine;
  private final CamundaClient client;
  private final int workerThreads;
  private final int maxJobsActive;
  private JobWorker worker;

  StressflowTarget(final Path dir, final int workerThreads, final int maxJobsActive) {
    this.workerThreads = workerThreads;
    this.maxJobsActive = maxJobsActive;
    engine =
        Engine.start(
            EngineConfig.create(
                c -> c.jdbcUrl = "jdbc:h2:file:" + dir.resolve("engine").toAbsolutePath()));
    client =
        CamundaClient.newClientBuilder()
            .restAddress(engine.restAddress())
            .preferRestOverGrpc(true)
            .defaultJobWorkerStreamEnabled(false)
            .applyEnvironmentVariableOverrides(false)
            .numJobWorkerExecutionThreads(workerThreads)
            .build();
  }

  @Override
  public void deploy(final String processId, final int tasks) {
    AbstractFlowNodeBuilder<?, ?> builder = Bpmn.createExecutableProcess(processId).startEvent();
    for (int t = 1; t <= tasks; t++) {
      builder = builder.serviceTask("t" + t, s -> s.zeebeJobType(processId));
    }
    client
        .newDeployResourceCommand()
        .addProcessModel(builder.endEvent().done(), processId + ".bpmn")
        .send()
        .join();
  }

  @Override
  public void startWorkers(
      final String processId, final int tasks, final LatencyRecorder recorder) {
    final String last = "t" + tasks;
    worker =
        client
            .newWorker()
            .jobType(processId)
            .handler(
                (jobClient, job) -> {
                  jobClient.newCompleteCommand(job).send().join();
                  if (job.getElementId().equals(last)) {
                    recorder.completed(((Number) job.getVariablesAsMap().get("i")).intValue());
                  }
                })
            .maxJobsActive(maxJobsActive)
            .fetchVariables("i")
            .timeout(Duration.ofMinutes(5))
            .open();
  }

  @Override
  public void stopWorkers() {
    if (worker != null) {
      worker.close();
      worker = null;
    }
  }

  @Override
  public CompletableFuture<?> create(final String processId, final int i) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(processId)
        .latestVersion()
        .variables(Map.of("i", i))
        .send()
        .toCompletableFuture();
  }

  @Override
  public void close() {
    stopWorkers();
    engine.close();
    client.close();
  }

  @Override
  public String toString() {
    return "stressflow (%d worker threads)".formatted(workerThreads);
  }
}
