package io.stressflow.workflows.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that talks to the API. Turns every failure into a message on stderr and an exit code,
 * so the codes are the same whether the CLI runs from {@code main} or in-process.
 */
abstract class ApiCommand implements Callable<Integer> {

  static final int OK = 0;
  static final int FAILED = 1;
  static final int INVALID = 2;
  static final int CONFLICT = 3;
  static final int NOT_RUNNING = 4;
  static final int DENIED = 5;

  @Spec CommandSpec spec;

  @Override
  public final Integer call() {
    StressflowCli root = (StressflowCli) spec.root().userObject();
    Api api;
    try {
      api = new Api(root.url(), root.credentials().authorization(root.url()));
    } catch (Api.BadUrlException e) {
      err().println(e.getMessage());
      return INVALID;
    }
    try {
      return run(api);
    } catch (ApiException e) {
      report(e);
      return exitCode(e.status());
    } catch (Api.NotRunningException e) {
      err().println(e.getMessage());
      return NOT_RUNNING;
    } catch (UncheckedIOException e) {
      err().println(e.getMessage());
      return FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err().println("interrupted");
      return FAILED;
    } finally {
      out().flush();
      err().flush();
    }
  }

  /**
   * Does the command's work.
   *
   * @param api the API at {@code --url}.
   * @return the exit code.
   * @throws InterruptedException if interrupted while waiting for the API.
   */
  abstract int run(Api api) throws InterruptedException;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** Whether stdout is a terminal the CLI may redraw lines on. */
  boolean interactive() {
    return ((StressflowCli) spec.root().userObject()).interactive();
  }

  /** Prints an API error: {@code title: detail}, then every field problem, to stderr. */
  void report(ApiException e) {
    String detail = e.detail();
    err().println(detail == null ? e.title() : e.title() + ": " + detail);
    for (String p : e.problems()) {
      err().println("  " + p);
    }
  }

  /**
   * 2 for a request the server rejected as invalid, 3 for a conflict, 5 for not logged in or not
   * allowed, else 1.
   */
  static int exitCode(int status) {
    return switch (status) {
      case 400, 422 -> INVALID;
      case 409 -> CONFLICT;
      case 401, 403 -> DENIED;
      default -> FAILED;
    };
  }
}
