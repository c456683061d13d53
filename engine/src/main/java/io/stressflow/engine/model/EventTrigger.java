package io.stressflow.engine.model;

/** What an event waits for or throws. */
public sealed interface EventTrigger
    permits EventTrigger.Timer, EventTrigger.Message, EventTrigger.Error, EventTrigger.Terminate {

  /**
   * A timer definition; exactly one of the three is set.
   *
   * @param duration ISO-8601 duration (or expression), or null.
   * @param date ISO-8601 date-time (or expression), or null.
   * @param cycle ISO-8601 repeating interval (or expression), or null.
   */
  record Timer(String duration, String date, String cycle) implements EventTrigger {}

  /**
   * A message definition.
   *
   * @param name the message name (or expression).
   * @param correlationKey the correlation key expression, or null for start events.
   */
  record Message(String name, String correlationKey) implements EventTrigger {}

  /**
   * An error definition.
   *
   * @param errorCode the error code, or null for a catch-all.
   */
  record Error(String errorCode) implements EventTrigger {}

  /** A terminate end event. */
  record Terminate() implements EventTrigger {}
}
