package io.stressflow.workflows.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;

/**
 * Who the CLI is: {@code STRESSFLOW_USER} and {@code STRESSFLOW_PASSWORD} (HTTP Basic) if set, else
 * the token {@code ./stressflow cli login} saved for the server's URL in the user's config ({@code
 * $STRESSFLOW_CONFIG}, default {@code ~/.config/stressflow/credentials.json}, readable by its owner
 * only), else no one (the server answers 401).
 */
final class Credentials {

  private final Map<String, String> env;
  private final InputStream stdin;

  /**
   * Credentials from {@code env}, reading a password from {@code stdin} when there is no console.
   */
  Credentials(Map<String, String> env, InputStream stdin) {
    this.env = env;
    this.stdin = stdin;
  }

  /** The {@code Authorization} header for {@code url}, or null. */
  String authorization(String url) {
    String user = env.get("STRESSFLOW_USER");
    String password = env.get("STRESSFLOW_PASSWORD");
    if (user != null && !user.isBlank() && password != null) {
      return basic(user, password);
    }
    JsonNode saved = read().get(url);
    return saved == null || !saved.hasNonNull("token")
        ? null
        : "Bearer " + saved.get("token").asText();
  }

  /** The user name to log in with: {@code --user}, else {@code STRESSFLOW_USER}, else null. */
  String user(String option) {
    return option != null ? option : env.get("STRESSFLOW_USER");
  }

  /** A password: {@code STRESSFLOW_PASSWORD}, else typed at the console, else a line of stdin. */
  String password(String prompt) {
    String password = env.get("STRESSFLOW_PASSWORD");
    if (password != null) {
      return password;
    }
    Console console = System.console();
    if (console != null && stdin == System.in) {
      char[] typed = console.readPassword("%s", prompt);
      return typed == null ? null : new String(typed);
    }
    try {
      return new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the password: " + e.getMessage(), e);
    }
  }

  /** Saves {@code token} of {@code user} for {@code url}. */
  void save(String url, String user, String token) {
    ObjectNode all = read();
    all.putObject(url).put("user", user).put("token", token);
    write(all);
  }

  /** The token saved for {@code url}, or null; forgets it. */
  String forget(String url) {
    ObjectNode all = read();
    JsonNode saved = all.remove(url);
    write(all);
    return saved == null || !saved.hasNonNull("token") ? null : saved.get("token").asText();
  }

  /** Where the tokens are kept. */
  Path file() {
    String dir = env.get("STRESSFLOW_CONFIG");
    if (dir != null && !dir.isBlank()) {
      return Path.of(dir, "credentials.json");
    }
    return Path.of(System.getProperty("user.home"), ".config", "stressflow", "credentials.json");
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private ObjectNode read() {
    Path f = file();
    try {
      if (Files.isRegularFile(f)) {
        JsonNode n = Api.JSON.readTree(f.toFile());
        if (n instanceof ObjectNode o) {
          return o;
        }
      }
      return Api.JSON.createObjectNode();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
    }
  }

  private void write(ObjectNode all) {
    Path f = file();
    try {
      Files.createDirectories(f.getParent());
      if (!Files.exists(f)) {
        Files.createFile(f);
      }
      try {
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the user's profile folder protects it
      }
      Files.writeString(f, Api.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(all));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + f + ": " + e.getMessage(), e);
    }
  }
}
