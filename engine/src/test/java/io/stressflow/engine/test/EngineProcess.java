package io.stressflow.engine.test;

import io.stressflow.engine.Engine;
import io.stressflow.engine.EngineConfig;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs an engine in its own JVM until killed, for crash-recovery tests. Arguments: the JDBC URL and
 * a file to write the bound port to.
 */
public final class EngineProcess {
  private EngineProcess() {}

  /**
   * Starts the engine and waits forever.
   *
   * @param args the JDBC URL and the port file.
   * @throws Exception if the engine cannot start.
   */
  public static void main(final String[] args) throws Exception {
    final Engine engine =
        Engine.start(
            EngineConfig.create(
                c -> {
                  c.jdbcUrl = args[0];
                  c.testEndpoints = true;
                }));
    final Path portFile = Path.of(args[1]);
    final Path temporary = portFile.resolveSibling(portFile.getFileName() + ".tmp");
    Files.writeString(temporary, Integer.toString(engine.port()));
    Files.move(temporary, portFile);
    new java.util.concurrent.CountDownLatch(1).await();
  }
}
