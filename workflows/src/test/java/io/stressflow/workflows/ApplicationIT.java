package io.stressflow.workflows;

import java.nio.file.Path;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that run the whole application on real parts: the embedded engine and a
 * simulated chamber on free loopback ports, H2 files in a fresh folder under {@code target/}.
 * Subclasses share one application context (same configuration), so it starts once.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "stressflow.time-scale=120",
      "stressflow.camunda.engine.port=0",
      "stressflow.chamber.port=0"
    })
abstract class ApplicationIT {

  /** Not a JUnit @TempDir: that is deleted after each class while the shared context runs on. */
  static final Path DATA_DIR =
      Path.of("target", "it-data", UUID.randomUUID().toString()).toAbsolutePath();

  @LocalServerPort int port;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("stressflow.data-dir", DATA_DIR::toString);
  }
}
