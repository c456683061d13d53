package io.stressflow.workflows.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script {@code ./stressflow} (the repository's own), run by bash in a copy of the
 * repository's layout with a stand-in {@code java} on the PATH that records where it ran and with
 * what: the CLI's relative paths are the caller's (issue 19, item 5).
 */
class LauncherTest {

  @TempDir Path tmp;

  @Test
  void shouldRunTheCliInTheCallersFolderAndTheServiceInTheRepository() throws Exception {
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    Files.copy(Path.of("..", "stressflow"), repo.resolve("stressflow"));
    executable(repo.resolve("stressflow"));
    Files.createDirectories(repo.resolve("workflows/target"));
    Files.writeString(repo.resolve("workflows/target/stressflow.jar"), "");
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path record = tmp.resolve("java-ran");
    Files.writeString(
        bin.resolve("java"),
        "#!/usr/bin/env bash\nprintf '%s\\n' \"$PWD\" \"$@\" > '" + record + "'\n");
    executable(bin.resolve("java"));
    Path caller = Files.createDirectories(tmp.resolve("elsewhere"));

    launch(caller, bin, repo.resolve("stressflow").toString(), "cli", "plan", "validate", "p.yaml");
    List<String> cli = Files.readAllLines(record);
    launch(caller, bin, repo.resolve("stressflow").toString(), "run", "--server.port=0");
    List<String> service = Files.readAllLines(record);

    assertThat(cli.get(0)).as("the CLI runs where it was called").isEqualTo(caller.toString());
    assertThat(cli).contains(repo.resolve("workflows/target/stressflow.jar").toString());
    assertThat(cli.subList(cli.size() - 3, cli.size()))
        .containsExactly("plan", "validate", "p.yaml");
    assertThat(service.get(0))
        .as("the service keeps ./data in the repository")
        .isEqualTo(repo.toString());
  }

  private static void launch(Path dir, Path bin, String... command)
      throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
  }

  private static void executable(Path file) throws IOException {
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
