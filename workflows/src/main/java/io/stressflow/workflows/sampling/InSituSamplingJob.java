package io.stressflow.workflows.sampling;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * Quartz job that polls a leg's modules in situ at the plan's interval. Tiny by design; the work is
 * {@link InSituSampling#inSitu}, which never throws for a silent module (that is a finding).
 */
@DisallowConcurrentExecution
public class InSituSamplingJob implements Job {

  static final String CAMPAIGN = "campaignId";
  static final String LEG = "legId";
  static final String RUN = "runId";

  private final InSituSampling sampling;

  /**
   * Created by Quartz through Spring's job factory.
   *
   * @param sampling in-situ polling.
   */
  public InSituSamplingJob(InSituSampling sampling) {
    this.sampling = sampling;
  }

  @Override
  public void execute(JobExecutionContext context) {
    var data = context.getMergedJobDataMap();
    sampling.inSitu(data.getString(CAMPAIGN), data.getString(LEG), data.getString(RUN));
  }
}
