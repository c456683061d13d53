/**
 * Register maps as data: one JSON file per controller model, read by both the Modbus driver and the
 * simulator so the two cannot drift. {@link io.stressflow.chamber.registermap.RegisterMaps} loads
 * and validates them; {@link io.stressflow.chamber.registermap.RegisterCodec} turns raw register
 * words into engineering values and back; {@link io.stressflow.chamber.registermap.MapCapabilities}
 * says what a map lets the driver do.
 */
package io.stressflow.chamber.registermap;
