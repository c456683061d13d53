package io.stressflow.engine.processing;

/** Incident error types, named as Camunda names them because operators see them. */
public enum ErrorType {
  JOB_NO_RETRIES,
  UNHANDLED_ERROR_EVENT,
  IO_MAPPING_ERROR,
  CONDITION_ERROR,
  EXTRACT_VALUE_ERROR,
  CALLED_ELEMENT_ERROR,
  FORM_NOT_FOUND,
  UNKNOWN
}
