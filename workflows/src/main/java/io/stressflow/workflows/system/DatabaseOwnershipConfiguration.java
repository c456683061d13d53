package io.stressflow.workflows.system;

import java.time.Duration;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Takes the lab's PostgreSQL database for this instance before any other bean is made (no
 * scheduler, engine worker or chamber starts first): see {@link DatabaseOwnership}. A standby
 * ({@code stressflow.database.standby=true}) waits here until the owner goes; the ownership is
 * given up when the application closes, and the application closes when it is lost.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseOwnershipConfiguration {

  @Bean
  static OwnershipGate databaseOwnershipGate() {
    return new OwnershipGate();
  }

  /** Takes the ownership while the bean factory is prepared, and gives it up when closed. */
  static final class OwnershipGate
      implements BeanFactoryPostProcessor,
          EnvironmentAware,
          ApplicationContextAware,
          DisposableBean {

    private Environment environment;
    private ApplicationContext context;
    private DatabaseOwnership ownership;

    @Override
    public void setEnvironment(Environment environment) {
      this.environment = environment;
    }

    @Override
    public void setApplicationContext(ApplicationContext context) {
      this.context = context;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory)
        throws BeansException {
      String url = environment.getProperty("spring.datasource.url");
      if (!DatabaseOwnership.applies(url)) {
        return;
      }
      boolean standby = flag("stressflow.database.standby");
      Duration poll = duration("stressflow.database.standby-poll", "1s");
      Duration check = duration("stressflow.database.ownership-check", "5s");
      try {
        ownership =
            DatabaseOwnership.take(
                url,
                environment.getProperty("spring.datasource.username"),
                environment.getProperty("spring.datasource.password"),
                standby,
                poll,
                check,
                () -> {
                  if (context instanceof ConfigurableApplicationContext c && c.isActive()) {
                    c.close();
                  }
                });
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while standing by for the database", e);
      }
      beanFactory.registerSingleton("databaseOwnership", ownership);
    }

    private boolean flag(String name) {
      String v = environment.getProperty(name, "false").trim();
      if (!v.equals("true") && !v.equals("false")) {
        throw new ConfigurationProblem(
            name, "'" + v + "' is not true or false", "Set " + name + " to true or false.", null);
      }
      return Boolean.parseBoolean(v);
    }

    private Duration duration(String name, String fallback) {
      String v = environment.getProperty(name, fallback).trim();
      Duration d;
      try {
        d = DurationStyle.detectAndParse(v);
      } catch (IllegalArgumentException e) {
        throw new ConfigurationProblem(
            name,
            "'" + v + "' is not a duration",
            "Set " + name + " to a duration such as " + fallback + ".",
            e);
      }
      if (d.compareTo(Duration.ofMillis(100)) < 0 || d.compareTo(Duration.ofMinutes(5)) > 0) {
        throw new ConfigurationProblem(
            name,
            "'" + v + "' is out of range",
            "Set " + name + " between 100ms and 5m (default " + fallback + ").",
            null);
      }
      return d;
    }

    @Override
    public void destroy() {
      if (ownership != null) {
        ownership.close();
      }
    }
  }
}
