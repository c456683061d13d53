/**
 * The /v2 REST layer: the part of Camunda 8's API that the Camunda Java client uses, served on the
 * JDK's HTTP server. Internal: not API for other modules.
 */
package io.stressflow.engine.rest;
