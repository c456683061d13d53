/**
 * The chamber port: what the orchestrator may ask of any climatic chamber, in domain terms.
 *
 * <p>{@link io.stressflow.chamber.Chamber} is the port; {@link io.stressflow.chamber.ChamberState}
 * and {@link io.stressflow.chamber.Setpoint} are its values; {@link
 * io.stressflow.chamber.ChamberException} and its subclasses are the expected faults. {@link
 * io.stressflow.chamber.HostRampChamber} wraps any chamber and ramps on the host where the
 * controller has no ramp-rate register. The Modbus driver lives in {@code
 * io.stressflow.chamber.modbus}, register maps (data files) in {@code
 * io.stressflow.chamber.registermap} and the simulator in {@code io.stressflow.chamber.simulator}.
 */
package io.stressflow.chamber;
