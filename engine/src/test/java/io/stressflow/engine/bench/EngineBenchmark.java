package io.stressflow.engine.bench;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.stressflow.engine.Engine;
import io.stressflow.engine.EngineConfig;
import io.stressflow.engine.EventLog.Intent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small throughput benchmark, run by hand (not part of the build): instances of a process with
 * three service tasks, driven by real job workers over REST, state in an H2 file. Prints the
 * figures. Arguments: number of instances (default 500).
 */
public final class EngineBenchmark {
  private EngineBenchmark() {}

  /**
   * Runs the benchmark.
   *
   * @param args optional number of instances.
   * @throws Exception on failure.
   */
  public static void main(final String[] args) throws Exception {
    final int count = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    final Path dir = Files.createTempDirectory("engine-bench");
    try (Engine engine =
            Engine.start(
                EngineConfig.create(
                    c ->
                        c.jdbcUrl =
                            System.getProperty(
                                "bench.url",
                                "jdbc:h2:file:" + dir.resolve("engine").toAbsolutePath())));
        CamundaClient client =
            CamundaClient.newClientBuilder()
                .restAddress(engine.restAddress())
                .preferRestOverGrpc(true)
                .defaultJobWorkerStreamEnabled(false)
                .applyEnvironmentVariableOverrides(false)
                .numJobWorkerExecutionThreads(4)
                .build()) {
      client
          .newDeployResourceCommand()
          .addProcessModel(
              Bpmn.createExecutableProcess("bench")
                  .startEvent()
                  .serviceTask("a", t -> t.zeebeJobType("bench-a"))
                  .serviceTask("b", t -> t.zeebeJobType("bench-b"))
                  .serviceTask("c", t -> t.zeebeJobType("bench-c"))
                  .endEvent()
                  .done(),
              "bench.bpmn")
          .send()
          .join();
      final List<JobWorker> workers = new ArrayList<>();
      for (final String type :
          Boolean.getBoolean("bench.noWorkers")
              ? List.<String>of()
              : List.of("bench-a", "bench-b", "bench-c")) {
        workers.add(
            client
                .newWorker()
                .jobType(type)
                .handler((c, job) -> c.newCompleteCommand(job).send().join())
                .maxJobsActive(32)
                .open());
      }
      final long start = System.nanoTime();
      final List<Long> keys = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        keys.add(
            client
                .newCreateInstanceCommand()
                .bpmnProcessId("bench")
                .latestVersion()
                .variables(Map.of("i", i))
                .send()
                .join()
                .getProcessInstanceKey());
      }
      final long created = System.nanoTime();
      final long deadline =
          System.nanoTime()
              + Duration.ofMinutes(Boolean.getBoolean("bench.noWorkers") ? 0 : 5).toNanos();
      while (engine
                  .eventLog()
                  .entries(
                      e -> e.intent() == Intent.ELEMENT_COMPLETED && e.elementId().equals("bench"))
                  .size()
              < count
          && System.nanoTime() < deadline) {
        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
      }
      final long done = System.nanoTime();
      workers.forEach(JobWorker::close);
      final double createSeconds = (created - start) / 1e9;
      final double totalSeconds = (done - start) / 1e9;
      System.out.printf(
          "instances=%d jobs=%d create=%.1fs (%.0f/s) total=%.1fs (%.0f instances/s, %.0f jobs/s)%n",
          count,
          3 * count,
          createSeconds,
          count / createSeconds,
          totalSeconds,
          count / totalSeconds,
          3 * count / totalSeconds);
    }
  }
}
