package io.stressflow.workflows.system;

import java.sql.DatabaseMetaData;
import java.util.Properties;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.quartz.autoconfigure.JobStoreType;
import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.boot.quartz.autoconfigure.SchedulerFactoryBeanCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * With the JDBC job store, Quartz's scheduler thread acquires triggers under the trigger-access
 * lock that our own scheduler calls take ({@link SchedulerTransactions}), so it never reads a
 * trigger whose job is being written or deleted meanwhile (the cause of the {@code "job" is null}
 * and {@code No record found} errors between legs). The in-memory store has no such property, so it
 * is set only for the JDBC store.
 *
 * <p>On PostgreSQL the job store needs Quartz's {@code PostgreSQLDelegate} (its job data are {@code
 * BYTEA}, which the standard delegate cannot read): it is chosen from the database's product name,
 * unless {@code spring.quartz.properties.org.quartz.jobStore.driverDelegateClass} names one.
 */
@Configuration(proxyBeanMethods = false)
class QuartzLocking {

  /** Quartz's delegate for PostgreSQL. */
  static final String POSTGRESQL_DELEGATE = "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate";

  @Bean
  SchedulerFactoryBeanCustomizer acquireTriggersWithinLock(
      QuartzProperties quartz, ObjectProvider<DataSource> dataSource) {
    return factory -> {
      if (quartz.getJobStoreType() != JobStoreType.JDBC) {
        return;
      }
      Properties properties = new Properties();
      properties.putAll(quartz.getProperties());
      properties.putIfAbsent("org.quartz.jobStore.acquireTriggersWithinLock", "true");
      DataSource db = dataSource.getIfAvailable();
      if (db != null && isPostgreSql(db)) {
        properties.putIfAbsent("org.quartz.jobStore.driverDelegateClass", POSTGRESQL_DELEGATE);
      }
      factory.setQuartzProperties(properties);
    };
  }

  /** Whether a data source is a PostgreSQL database (false if it cannot be asked). */
  static boolean isPostgreSql(DataSource dataSource) {
    try {
      String product =
          JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
      return "PostgreSQL".equalsIgnoreCase(JdbcUtils.commonDatabaseName(product));
    } catch (MetaDataAccessException e) {
      return false;
    }
  }
}
