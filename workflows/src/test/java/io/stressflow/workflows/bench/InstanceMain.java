package io.stressflow.workflows.bench;

import io.stressflow.workflows.StressflowApplication;
import java.io.PrintStream;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobListener;
import org.quartz.Scheduler;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Not a test: one application instance of {@link FailoverBenchmark}, in a process of its own so
 * that it can be killed with SIGKILL. Starts the application with the given settings (a standby
 * waits for the database first), then prints {@code UP} and, for every profile tick it runs, a line
 * {@code TICK <run> <due> <fired> <ended>} (epoch ms) from a Quartz job listener on the app's own
 * scheduler, as {@link LabBenchmark} measures ticks.
 */
public final class InstanceMain {

  private InstanceMain() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    ConfigurableApplicationContext app =
        new SpringApplicationBuilder(StressflowApplication.class)
            .web(WebApplicationType.SERVLET)
            .run(args);
    app.getBean(Scheduler.class)
        .getListenerManager()
        .addJobListener(
            new JobListener() {
              @Override
              public String getName() {
                return "failover-bench-ticks";
              }

              @Override
              public void jobToBeExecuted(JobExecutionContext context) {}

              @Override
              public void jobExecutionVetoed(JobExecutionContext context) {}

              @Override
              public void jobWasExecuted(JobExecutionContext context, JobExecutionException e) {
                long end = System.currentTimeMillis();
                if (context.getScheduledFireTime() == null) {
                  return;
                }
                String line =
                    "TICK "
                        + context.getJobDetail().getKey().getName()
                        + " "
                        + context.getScheduledFireTime().getTime()
                        + " "
                        + context.getFireTime().getTime()
                        + " "
                        + end;
                synchronized (out) {
                  out.println(line);
                }
              }
            },
            GroupMatcher.jobGroupEquals("profile"));
    synchronized (out) {
      out.println("UP");
      out.flush();
    }
  }
}
