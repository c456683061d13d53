package io.stressflow.workflows.system;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a {@link ConfigurationProblem} as a description and an action, without a trace. */
class ConfigurationProblemAnalyzer extends AbstractFailureAnalyzer<ConfigurationProblem> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, ConfigurationProblem cause) {
    return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
  }
}
