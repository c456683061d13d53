package io.stressflow.chamber.interop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs third-party Modbus tools (mbpoll, python3 + pymodbus) with bounded waits. */
final class ExternalTool {

  private ExternalTool() {}

  /** The mbpoll executable, if installed. */
  static Optional<String> mbpoll() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, "mbpoll"))) {
        return Optional.of(Path.of(dir, "mbpoll").toString());
      }
    }
    return Optional.empty();
  }

  /** A python3 that can import pymodbus (the PATH one, else Debian's), if any. */
  static Optional<String> pythonWithPymodbus() {
    for (String python : List.of("python3", "/usr/bin/python3")) {
      try {
        Result r = run(List.of(python, "-c", "import pymodbus"), 20);
        if (r.exitCode() == 0) {
          return Optional.of(python);
        }
      } catch (IOException e) {
        // not installed under this name; try the next
      }
    }
    return Optional.empty();
  }

  /** Copies a test resource to a temp file so a tool can run it. */
  static Path resource(String name, Path dir) throws IOException {
    Path file = dir.resolve(name.substring(name.lastIndexOf('/') + 1));
    try (InputStream in = ExternalTool.class.getResourceAsStream(name)) {
      Files.copy(in, file);
    }
    return file;
  }

  /** Runs a command to completion, killing it after {@code seconds}. */
  static Result run(List<String> command, int seconds) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, "timed out after " + seconds + " s: " + command);
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Result(p.exitValue(), out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("interrupted", e);
    }
  }

  /** Starts a long-running command; the caller must destroy it. */
  static Process start(List<String> command, Path log) throws IOException {
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /** Stops a process started by {@link #start}, waiting a bounded time. */
  static void stop(Process p) {
    p.destroy();
    try {
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
    }
  }

  /** Values of lines like {@code [3]: \t230} in mbpoll's output, in order. */
  static List<Integer> mbpollValues(String output) {
    List<Integer> values = new ArrayList<>();
    for (String line : output.split("\n")) {
      String l = line.strip();
      if (l.startsWith("[") && l.contains("]:")) {
        values.add(Integer.parseInt(l.substring(l.indexOf("]:") + 2).strip()));
      }
    }
    return values;
  }

  /** The outcome of a finished command. */
  record Result(int exitCode, String output) {}
}
