/**
 * The campaign logbook: what happened to a campaign, when, by whom, one line each, written in the
 * transaction of the state it describes. Below campaign, profile and sampling, which all write to
 * it, so none of them depends on another through it.
 */
package io.stressflow.workflows.logbook;
