/**
 * BPMN execution: the element lifecycle, one handler per element kind, and the shared behaviours
 * (variables, jobs, incidents, events). Internal: not API for other modules.
 */
package io.stressflow.engine.processing;
