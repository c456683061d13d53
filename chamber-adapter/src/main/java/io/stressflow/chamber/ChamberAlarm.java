package io.stressflow.chamber;

/** An alarm condition reported by a chamber controller. */
public enum ChamberAlarm {
  /** The independent over-temperature limit has tripped (read-only hardware protection). */
  OVER_TEMPERATURE,
  /** The independent under-temperature limit has tripped. */
  UNDER_TEMPERATURE,
  /** The air temperature is outside its deviation band around the setpoint. */
  TEMPERATURE_DEVIATION,
  /** The humidity is outside its deviation band around the setpoint. */
  HUMIDITY_DEVIATION,
  /** A temperature or humidity sensor is broken or out of range. */
  SENSOR_FAULT,
  /** Water supply for the humidifier is empty or failing. */
  WATER_SUPPLY,
  /** Refrigeration system fault. */
  REFRIGERATION,
  /** Any other alarm the controller raises; see the controller's display. */
  GENERAL
}
