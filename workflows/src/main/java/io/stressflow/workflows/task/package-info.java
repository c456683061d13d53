/**
 * The people's side of the workflows: user tasks (loading, alarms, failure verification, approval)
 * listed, claimed and completed through the workflow engine, with each completion checked against
 * the task's form before it reaches the engine.
 */
package io.stressflow.workflows.task;
