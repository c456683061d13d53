package io.stressflow.workflows.system;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Quartz scheduler stops before the database pool closes. Spring Boot hands the data source to
 * the scheduler through a customizer that the scheduler takes from an {@code ObjectProvider}, which
 * records no dependency, so on shutdown the pool could close while the scheduler thread was still
 * scanning for triggers or its misfire handler was still running ("HikariDataSource has been
 * closed" ERRORs at the end of a demo). Declaring the dependency makes Spring destroy the scheduler
 * (which joins its threads, see {@code spring.quartz.wait-for-jobs-to-complete-on-shutdown}) first.
 */
@Configuration(proxyBeanMethods = false)
class QuartzShutdownOrder {

  static final String SCHEDULER = "quartzScheduler";
  static final String DATA_SOURCE = "dataSource";

  @Bean
  static BeanFactoryPostProcessor quartzSchedulerDependsOnDataSource() {
    return factory -> dependOn(factory, SCHEDULER, DATA_SOURCE);
  }

  static void dependOn(ConfigurableListableBeanFactory factory, String bean, String on) {
    if (!factory.containsBeanDefinition(bean) || !factory.containsBeanDefinition(on)) {
      return;
    }
    BeanDefinition definition = factory.getBeanDefinition(bean);
    Set<String> dependsOn = new LinkedHashSet<>();
    if (definition.getDependsOn() != null) {
      dependsOn.addAll(Arrays.asList(definition.getDependsOn()));
    }
    dependsOn.add(on);
    definition.setDependsOn(dependsOn.toArray(String[]::new));
  }
}
