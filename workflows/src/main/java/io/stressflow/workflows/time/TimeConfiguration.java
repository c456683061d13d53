package io.stressflow.workflows.time;

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
    return new TimeScale(factor);
  }
}
