package io.stressflow.workflows.profile;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * Quartz job that ticks one profile run. Tiny by design: the run id comes from the job data, the
 * work is {@link ProfileRunner#tick}, and a chamber fault is recorded there rather than thrown
 * (Quartz would only log it).
 */
@DisallowConcurrentExecution
public class ProfileTickJob implements Job {

  static final String RUN_ID = "runId";

  private final ProfileRunner runner;

  public ProfileTickJob(ProfileRunner runner) {
    this.runner = runner;
  }

  @Override
  public void execute(JobExecutionContext context) {
    runner.tick(context.getMergedJobDataMap().getString(RUN_ID));
  }
}
