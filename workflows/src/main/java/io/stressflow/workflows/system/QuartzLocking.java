package io.stressflow.workflows.system;

import java.util.Properties;
import org.springframework.boot.quartz.autoconfigure.JobStoreType;
import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.boot.quartz.autoconfigure.SchedulerFactoryBeanCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With the JDBC job store, Quartz's scheduler thread acquires triggers under the trigger-access
 * lock that our own scheduler calls take ({@link SchedulerTransactions}), so it never reads a
 * trigger whose job is being written or deleted meanwhile (the cause of the {@code "job" is null}
 * and {@code No record found} errors between legs). The in-memory store has no such property, so it
 * is set only for the JDBC store.
 */
@Configuration(proxyBeanMethods = false)
class QuartzLocking {

  @Bean
  SchedulerFactoryBeanCustomizer acquireTriggersWithinLock(QuartzProperties quartz) {
    return factory -> {
      if (quartz.getJobStoreType() != JobStoreType.JDBC) {
        return;
      }
      Properties properties = new Properties();
      properties.putAll(quartz.getProperties());
      properties.putIfAbsent("org.quartz.jobStore.acquireTriggersWithinLock", "true");
      factory.setQuartzProperties(properties);
    };
  }
}
