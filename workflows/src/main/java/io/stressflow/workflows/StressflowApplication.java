package io.stressflow.workflows;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Stressflow: runs environmental stress-test campaigns as BPMN workflows on Camunda 8 (or the
 * embedded engine), driving Modbus chambers and sampling the modules under test.
 *
 * <p>With the argument {@code demo} it runs one small campaign against a simulated chamber, prints
 * what happens, and exits: 0 when the campaign completed, 1 otherwise.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class StressflowApplication {

  public static void main(String[] args) {
    SpringApplication app = new SpringApplication(StressflowApplication.class);
    boolean demo = Arrays.asList(args).contains("demo");
    if (!demo) {
      app.run(args);
      return;
    }
    // the demo is a run-to-completion job with its own quiet profile (application-demo.properties)
    app.setAdditionalProfiles("demo");
    int code;
    try {
      ConfigurableApplicationContext context = app.run(args);
      code = SpringApplication.exit(context);
    } catch (RuntimeException e) {
      code = 1;
    }
    System.exit(code);
  }
}
