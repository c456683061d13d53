package io.stressflow.engine.processing;

/** Why a command was rejected, named as Camunda names rejection types. */
public enum RejectionType {
  NOT_FOUND,
  INVALID_STATE,
  INVALID_ARGUMENT,
  ALREADY_EXISTS
}
