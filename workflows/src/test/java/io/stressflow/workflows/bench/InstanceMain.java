package io.stressflow.workflows.bench;

import io.stressflow.workflows.StressflowApplication;
import java.io.PrintStream;
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
            Ticks.listener(
                "failover-bench-ticks",
                (run, due, fired, ended) -> {
                  String line = "TICK " + run + " " + due + " " + fired + " " + ended;
                  synchronized (out) {
                    out.println(line);
                  }
                }),
            GroupMatcher.jobGroupEquals("profile"));
    synchronized (out) {
      out.println("UP");
      out.flush();
    }
  }
}
