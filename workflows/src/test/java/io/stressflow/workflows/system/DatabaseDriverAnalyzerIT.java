package io.stressflow.workflows.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.stressflow.workflows.StressflowApplication;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Issue 19, item 3: a database URL without its driver (PostgreSQL's, before it was shipped; MySQL's
 * now) died with a ClassNotFoundException.
 */
class DatabaseDriverAnalyzerIT {

  @TempDir Path dataDir;

  @Test
  void shouldNameTheDatasourceUrlWhenItsDriverIsMissing() {
    Throwable thrown =
        catchThrowable(
            () ->
                new SpringApplicationBuilder(StressflowApplication.class)
                    .web(WebApplicationType.NONE)
                    .run(
                        "--spring.datasource.url=jdbc:mysql://127.0.0.1:1/stressflow",
                        "--stressflow.data-dir=" + dataDir,
                        "--stressflow.camunda.engine.port=0",
                        "--stressflow.chamber.port=0")
                    .close());
    assertThat(thrown).as("the application should refuse to start").isNotNull();

    FailureAnalysis analysis = new DatabaseDriverAnalyzer().analyze(thrown);

    assertThat(analysis).as("analysis of %s", thrown).isNotNull();
    assertThat(analysis.getDescription())
        .startsWith("spring.datasource.url")
        .contains("com.mysql.cj.jdbc.Driver");
    assertThat(analysis.getAction()).contains("H2").contains("PostgreSQL");
  }
}
