package io.stressflow.workflows.campaign;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.ProcessInstance;
import io.stressflow.workflows.chamber.ChamberProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Service;

/**
 * Launches campaigns as process instances and tracks them. The public API of the campaign feature:
 * REST, CLI, demo and tests all go through here.
 */
@Service
public class CampaignService {

  /** The BPMN process id of a campaign (bpmn/campaign.bpmn). */
  public static final String PROCESS_ID = "campaign";

  private static final DateTimeFormatter ID_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

  private final CamundaClient client;
  private final CampaignRepository repository;
  private final CampaignLog campaignLog;
  private final ChamberProperties chamber;
  private final Clock clock;

  CampaignService(
      CamundaClient client,
      CampaignRepository repository,
      CampaignLog campaignLog,
      ChamberProperties chamber,
      Clock clock) {
    this.client = client;
    this.repository = repository;
    this.campaignLog = campaignLog;
    this.chamber = chamber;
    this.clock = clock;
  }

  /**
   * Starts a campaign process instance in the configured chamber.
   *
   * @param variables extra process variables (may be empty).
   * @return the launched campaign.
   */
  public Campaign launch(Map<String, Object> variables) {
    Instant now = clock.instant();
    String id = "C-" + ID_DATE.format(now) + "-" + UUID.randomUUID().toString().substring(0, 6);
    Map<String, Object> vars = new HashMap<>(variables);
    vars.put("campaignId", id);
    vars.put("chamber", chamber.id());
    // logged before the instance exists: its first job can run before create() returns
    campaignLog.record(
        id, "LAUNCHED", "campaign %s launched in chamber '%s'".formatted(PROCESS_ID, chamber.id()));
    ProcessInstanceEvent instance =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(PROCESS_ID)
            .latestVersion()
            .variables(vars)
            .businessId(id)
            .send()
            .join();
    Campaign campaign =
        new Campaign(
            id, instance.getProcessInstanceKey(), PROCESS_ID, chamber.id(), "ACTIVE", now, null);
    repository.insert(campaign);
    return campaign;
  }

  /**
   * Looks a campaign up and brings its state up to date from the workflow engine.
   *
   * @param id the campaign id.
   * @return the campaign.
   * @throws NoSuchElementException if there is no such campaign.
   */
  public Campaign refresh(String id) {
    Campaign campaign =
        repository
            .find(id)
            .orElseThrow(() -> new NoSuchElementException("No campaign with id '" + id + "'"));
    if (campaign.ended()) {
      return campaign;
    }
    ProcessInstance instance =
        client.newProcessInstanceGetRequest(campaign.processInstanceKey()).send().join();
    ProcessInstanceState state = instance.getState();
    if (state == ProcessInstanceState.COMPLETED || state == ProcessInstanceState.TERMINATED) {
      Instant ended =
          instance.getEndDate() != null ? instance.getEndDate().toInstant() : clock.instant();
      repository.updateState(id, state.name(), ended);
      campaignLog.record(
          id,
          state.name(),
          "campaign %s after %s (wall clock)"
              .formatted(
                  state.name().toLowerCase(),
                  format(Duration.between(campaign.startedAt(), ended))));
      return repository.find(id).orElseThrow();
    }
    return campaign;
  }

  /**
   * Waits until a campaign has ended.
   *
   * @param id the campaign id.
   * @param timeout the longest wait (wall clock).
   * @return the ended campaign.
   * @throws TimeoutException if it is still active after {@code timeout}.
   * @throws InterruptedException if interrupted while waiting.
   */
  public Campaign awaitEnd(String id, Duration timeout)
      throws TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Campaign campaign = refresh(id);
      if (campaign.ended()) {
        return campaign;
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(
            "Expected campaign " + id + " to end within " + timeout + ", but it is still active");
      }
      Thread.sleep(200);
    }
  }

  /** All campaigns, newest first. */
  public List<Campaign> list() {
    return repository.findAll();
  }

  /**
   * The campaign's logbook.
   *
   * @param id the campaign id.
   * @return its events, oldest first.
   */
  public List<CampaignEvent> events(String id) {
    return campaignLog.events(id);
  }

  static String format(Duration d) {
    long s = d.toSeconds();
    return "%d:%02d:%02d".formatted(s / 3600, (s % 3600) / 60, s % 60);
  }
}
