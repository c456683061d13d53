package io.stressflow.engine.processing;

import io.stressflow.engine.model.BpmnElementType;
import io.stressflow.engine.state.ElementInstance;

/**
 * Behaviour of one BPMN element kind across its lifecycle. The {@link BpmnProcessor} drives the
 * state machine and records every transition; handlers only add what their kind needs.
 *
 * <p>Activation: the processor creates the instance ({@code ELEMENT_ACTIVATING}) and applies the
 * input mappings, then calls {@link #onActivate}: open subscriptions, create jobs or user tasks,
 * activate children. A failure becomes an incident and the instance stays activating; resolving the
 * incident repeats the step. On success the processor records {@code ELEMENT_ACTIVATED} and opens
 * the boundary events. If {@link #isWaitState} says no, it completes the element at once.
 *
 * <p>Completion (when the wait ends): {@code ELEMENT_COMPLETING}, boundary events closed, output
 * mappings applied, then {@link #onComplete}: evaluate conditions and choose the outgoing flows
 * with {@link ElementContext#take}, or leave the choice to the default (all outgoing flows). A
 * failure becomes an incident and the instance stays completing. Then {@code ELEMENT_COMPLETED},
 * and the chosen flows are taken.
 *
 * <p>Termination: {@code ELEMENT_TERMINATING}, subscriptions closed, incidents resolved, then
 * {@link #onTerminate} (cancel jobs, user tasks, called instances); children are terminated first,
 * then {@code ELEMENT_TERMINATED}.
 *
 * <p>Containers also get {@link #onChildFinished} when a child completed without taking a flow, or
 * was terminated.
 */
public interface ElementHandler {

  /**
   * Returns the kind this handler serves.
   *
   * @return the element type.
   */
  BpmnElementType type();

  /**
   * Activates the element.
   *
   * @param context the element.
   * @return ok, or a failure that becomes an incident.
   */
  default Result onActivate(final ElementContext context) {
    return Result.ok();
  }

  /**
   * Returns whether the element waits after activation (job, user task, timer, message, children).
   *
   * @param context the element.
   * @return true to wait; false to complete at once.
   */
  default boolean isWaitState(final ElementContext context) {
    return false;
  }

  /**
   * Completes the element.
   *
   * @param context the element.
   * @return ok, or a failure that becomes an incident.
   */
  default Result onComplete(final ElementContext context) {
    return Result.ok();
  }

  /**
   * Cleans up a terminated element (its children are terminated by the processor).
   *
   * @param context the element.
   */
  default void onTerminate(final ElementContext context) {}

  /**
   * Called on a container when one of its children finished without taking a flow.
   *
   * @param context the container.
   * @param child the finished child.
   */
  default void onChildFinished(final ElementContext context, final ElementInstance child) {
    context.processor().completeScopeIfDone(context.instance());
  }
}
