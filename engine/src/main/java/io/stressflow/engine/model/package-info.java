/** The immutable executable model of deployed processes. Internal: not API for other modules. */
package io.stressflow.engine.model;
