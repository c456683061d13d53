package io.stressflow.workflows.time;

import io.stressflow.workflows.system.ConfigurationProblem;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The application's clock and time scale, injected wherever time matters. */
@Configuration(proxyBeanMethods = false)
class TimeConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  TimeScale timeScale(@Value("${stressflow.time-scale:1}") double factor) {
    try {
      return new TimeScale(factor);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationProblem(
          "stressflow.time-scale",
          "%s is not a time scale: it is simulated seconds per wall second, within (0, 1000000]"
              .formatted(factor),
          "Set stressflow.time-scale to 1 for real campaigns, or e.g. 3600 for a dry run on the"
              + " simulated chamber (an hour of profile per second).",
          e);
    }
  }
}
