/**
 * A chamber simulator that serves any register map over Modbus TCP or RTU-over-TCP on loopback,
 * with thermal and humidity physics stepped by an injected clock and switchable faults. Used by the
 * tests, the benchmark and the application's embedded default.
 */
package io.stressflow.chamber.simulator;
