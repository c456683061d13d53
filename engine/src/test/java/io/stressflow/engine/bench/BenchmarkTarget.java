package io.stressflow.engine.bench;

import java.util.concurrent.CompletableFuture;

/** One engine under benchmark: deploys the processes, runs the workers, creates instances. */
interface BenchmarkTarget extends AutoCloseable {

  /**
   * Deploys a process of {@code tasks} sequential service tasks ({@code t1}..{@code tN}, all of job
   * type / topic {@code processId}) between a start and an end event.
   *
   * @param processId the process id, also the job type.
   * @param tasks the number of service tasks, at least 1.
   */
  void deploy(String processId, int tasks);

  /**
   * Starts workers for the process's job type that complete every job at once and report the
   * instance index (variable {@code i}) to the recorder when they completed the last task.
   *
   * @param processId the process id.
   * @param tasks the number of service tasks.
   * @param recorder what the workers report to.
   */
  void startWorkers(String processId, int tasks, LatencyRecorder recorder);

  /** Stops the workers started last. */
  void stopWorkers();

  /**
   * Creates an instance with the variable {@code i} over the engine's REST API.
   *
   * @param processId the process id.
   * @param i the instance index.
   * @return completes when the engine acknowledged the creation.
   */
  CompletableFuture<?> create(String processId, int i);

  @Override
  void close();
}
