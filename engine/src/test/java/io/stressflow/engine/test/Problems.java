package io.stressflow.engine.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.camunda.client.api.command.ProblemException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts on the Problem Details the client reports. */
public final class Problems {
  private Problems() {}

  /**
   * Runs a call that must fail with a problem and returns that problem.
   *
   * @param call the call.
   * @return the problem from the cause chain.
   */
  public static ProblemException problemOf(final ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).as("expected the call to fail").isNotNull();
    while (thrown != null && !(thrown instanceof ProblemException)) {
      thrown = thrown.getCause();
    }
    assertThat(thrown).as("expected a ProblemException in the cause chain").isNotNull();
    return (ProblemException) thrown;
  }
}
