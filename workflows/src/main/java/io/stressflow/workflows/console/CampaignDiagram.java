package io.stressflow.workflows.console;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.response.ElementInstance;
import io.stressflow.engine.Engine;
import io.stressflow.engine.EventLog;
import io.stressflow.workflows.campaign.CampaignView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * What the console needs to draw a campaign's process instance as Operate does: the BPMN XML of its
 * process definition, and per element how many instances are active, completed or terminated and
 * how many incidents stand there, and the sequence flows taken.
 *
 * <p>Active element instances come from the engine's element-instance search (any Camunda 8). The
 * path taken comes from the same search on a Camunda 8 cluster (which keeps completed instances)
 * and, on the embedded engine, which only serves active ones, from its in-memory event log (the
 * most recent transitions since it started: after a restart the path shown begins there).
 */
@Service
public class CampaignDiagram {

  private static final Logger log = LoggerFactory.getLogger(CampaignDiagram.class);

  private final CamundaClient client;
  private final ObjectProvider<Engine> engine;

  CampaignDiagram(CamundaClient client, ObjectProvider<Engine> engine) {
    this.client = client;
    this.engine = engine;
  }

  /**
   * Per element of a diagram: instances by state, and incidents.
   *
   * @param active instances active now.
   * @param completed instances completed.
   * @param terminated instances terminated (e.g. by a boundary event).
   * @param incidents open incidents at the element.
   */
  public record ElementStats(int active, int completed, int terminated, int incidents) {
    ElementStats plus(int a, int c, int t, int i) {
      return new ElementStats(active + a, completed + c, terminated + t, incidents + i);
    }
  }

  /**
   * A diagram with its marks.
   *
   * @param processId the BPMN process id.
   * @param processInstanceKey the instance.
   * @param xml the process definition's BPMN XML.
   * @param elements per element id, its stats (only elements that were entered).
   * @param flowsTaken the sequence flows taken, as far as known.
   * @param pathSource where the path taken comes from: {@code engine-history} (Camunda 8 keeps
   *     completed element instances) or {@code event-log} (the embedded engine's in-memory log).
   */
  public record Diagram(
      String processId,
      String processInstanceKey,
      String xml,
      Map<String, ElementStats> elements,
      List<String> flowsTaken,
      String pathSource) {}

  /**
   * The diagram of a campaign's process instance, marked.
   *
   * @param view the campaign as tracked (its instance key and open incidents).
   * @return the diagram.
   */
  public Diagram of(CampaignView view) {
    long key = view.campaign().processInstanceKey();
    io.camunda.client.api.search.response.ProcessInstance instance;
    try {
      instance = client.newProcessInstanceGetRequest(key).send().join();
    } catch (io.camunda.client.api.command.ProblemException e) {
      if (e.code() == 404) {
        // a cluster's reads trail its commands: a campaign launched a moment ago may not show yet
        throw new java.util.NoSuchElementException(
            "Campaign %s's workflow instance %d is not visible in the engine yet; try again in a"
                    .formatted(view.campaign().id(), key)
                + " moment");
      }
      throw e;
    }
    String xml =
        client.newProcessDefinitionGetXmlRequest(instance.getProcessDefinitionKey()).send().join();
    Map<String, ElementStats> elements = new LinkedHashMap<>();
    List<ElementInstance> found = List.of();
    try {
      found =
          client
              .newElementInstanceSearchRequest()
              .filter(f -> f.processInstanceKey(key))
              .page(p -> p.limit(1000))
              .send()
              .join()
              .items();
    } catch (RuntimeException e) {
      log.debug("Element instances of {} not read: {}", key, e.getMessage());
    }
    boolean history = false;
    for (ElementInstance e : found) {
      ElementInstanceState s = e.getState();
      history |= s != ElementInstanceState.ACTIVE;
      add(
          elements,
          e.getElementId(),
          s == ElementInstanceState.ACTIVE ? 1 : 0,
          s == ElementInstanceState.COMPLETED ? 1 : 0,
          s == ElementInstanceState.TERMINATED ? 1 : 0,
          0);
    }
    Set<String> flows = new LinkedHashSet<>();
    String source = "engine-history";
    Engine embedded = engine.getIfAvailable();
    if (embedded != null) {
      // the embedded engine's element history gives the counts; the flows taken come from its
      // event log (kept in memory since its last start), as does everything on an engine without
      // element history
      source = history ? "engine-history" : "event-log";
      for (EventLog.Entry e : embedded.eventLog().of(key)) {
        if (e.intent() == EventLog.Intent.SEQUENCE_FLOW_TAKEN) {
          flows.add(e.elementId());
        } else if (history) {
          continue;
        } else if (e.intent() == EventLog.Intent.ELEMENT_COMPLETED
            && !"PROCESS".equals(e.elementType())) {
          add(elements, e.elementId(), 0, 1, 0, 0);
        } else if (e.intent() == EventLog.Intent.ELEMENT_TERMINATED
            && !"PROCESS".equals(e.elementType())) {
          add(elements, e.elementId(), 0, 0, 1, 0);
        }
      }
    }
    String instanceKey = String.valueOf(key);
    for (CampaignView.IncidentView i : view.incidents()) {
      if (instanceKey.equals(i.processInstanceKey()) && i.elementId() != null) {
        add(elements, i.elementId(), 0, 0, 0, 1);
      }
    }
    return new Diagram(
        instance.getProcessDefinitionId(),
        instanceKey,
        xml,
        elements,
        new ArrayList<>(flows),
        source);
  }

  private static void add(
      Map<String, ElementStats> elements, String id, int a, int c, int t, int i) {
    if (id == null) {
      return;
    }
    elements.merge(id, new ElementStats(a, c, t, i), (x, y) -> x.plus(a, c, t, i));
  }
}
