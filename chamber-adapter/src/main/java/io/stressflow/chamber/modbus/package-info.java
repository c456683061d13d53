/**
 * The {@link io.stressflow.chamber.Chamber} port over Modbus (TCP, RTU over TCP, RTU on a serial
 * port), on digitalpetri's client. Everything controller-specific comes from the register map.
 */
package io.stressflow.chamber.modbus;
