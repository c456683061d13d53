/**
 * Durable engine state: mutable entities held in memory under the engine lock and written through
 * to H2 at the end of every command. Internal: not API for other modules.
 */
package io.stressflow.engine.state;
