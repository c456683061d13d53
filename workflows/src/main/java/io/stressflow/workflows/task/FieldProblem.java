package io.stressflow.workflows.task;

/**
 * One thing wrong with submitted form data.
 *
 * @param field the form field's key.
 * @param message what is wrong with it.
 */
public record FieldProblem(String field, String message) {

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
