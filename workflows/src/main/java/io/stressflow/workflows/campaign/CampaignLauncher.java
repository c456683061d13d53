package io.stressflow.workflows.campaign;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.ProcessInstance;
import io.stressflow.workflows.logbook.CampaignLog;
import io.stressflow.workflows.plan.CampaignPlan;
import io.stressflow.workflows.plan.Leg;
import io.stressflow.workflows.plan.PlanException;
import io.stressflow.workflows.plan.PlanReport;
import io.stressflow.workflows.plan.PlanService;
import io.stressflow.workflows.profile.RunEstimate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Launches campaigns from plans: checks the plan and its modules (on test elsewhere, the reuse
 * rule), stores the campaign and starts its process instance, atomically (a launch the engine did
 * not take leaves nothing behind), and completes launches a crash cut short. Tracking a campaign
 * once launched is {@link CampaignService}'s.
 */
@Service
public class CampaignLauncher {

  private static final Logger log = LoggerFactory.getLogger(CampaignLauncher.class);
  private static final String PROCESS_ID = CampaignService.PROCESS_ID;
  private static final DateTimeFormatter ID_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

  private final CampaignService campaigns;
  private final CamundaClient client;
  private final CampaignRepository repository;
  private final CampaignLegRepository legs;
  private final CampaignLog campaignLog;
  private final ChamberScheduler chambers;
  private final PlanService plans;
  private final JdbcClient jdbc;
  private final ModuleRegistry registry;
  private final Clock clock;
  private final TransactionTemplate transactions;

  CampaignLauncher(
      CampaignService campaigns,
      CamundaClient client,
      CampaignRepository repository,
      CampaignLegRepository legs,
      CampaignLog campaignLog,
      ChamberScheduler chambers,
      PlanService plans,
      JdbcClient jdbc,
      ModuleRegistry registry,
      Clock clock,
      PlatformTransactionManager transactionManager) {
    this.campaigns = campaigns;
    this.client = client;
    this.repository = repository;
    this.legs = legs;
    this.campaignLog = campaignLog;
    this.chambers = chambers;
    this.plans = plans;
    this.jdbc = jdbc;
    this.registry = registry;
    this.clock = clock;
    this.transactions = new TransactionTemplate(transactionManager);
  }

  /**
   * Validates a plan and launches it as a campaign process instance in the configured chamber.
   *
   * @param yaml the plan (YAML).
   * @return the launched campaign.
   * @throws PlanRejectedException if the plan has problems (each named by its field path).
   * @throws CampaignConflictException if one of its modules is on test in another active campaign,
   *     or was on test in another campaign before and the plan does not mark it {@code reuse:
   *     true}.
   * @throws WorkflowEngineUnavailableException if the workflow engine did not start the campaign's
   *     process instance: nothing of the campaign is kept, it can be launched again.
   */
  public Campaign launch(String yaml) {
    CampaignPlan plan;
    try {
      plan = plans.read(yaml);
    } catch (PlanException e) {
      throw new PlanRejectedException(new PlanReport(e.problems(), List.of()));
    }
    PlanReport report = plans.validate(yaml);
    if (!report.valid()) {
      throw new PlanRejectedException(report);
    }
    List<String> busy =
        modulesOnTest(plan.modules().stream().map(CampaignPlan.Module::serial).toList());
    if (!busy.isEmpty()) {
      throw new CampaignConflictException(
          "Module(s) already on test in an active campaign: "
              + String.join(", ", busy)
              + "; finish or abort that campaign, or take other modules");
    }
    List<String> reused = refuseUnmarkedReuse(plan);
    Instant now = clock.instant();
    String id = "C-" + ID_DATE.format(now) + "-" + UUID.randomUUID().toString().substring(0, 6);
    String product = product(plan);
    String lots = plan.lots().stream().map(CampaignPlan.Lot::id).collect(Collectors.joining(", "));
    List<Leg> order = PlanService.runOrder(plan);
    Map<String, String> assigned = chambers.assign(order);
    String chamberList = String.join(", ", new java.util.LinkedHashSet<>(assigned.values()));
    // the campaign's rows commit before its instance exists (its first job can run before create()
    // returns); if the engine does not start the instance, they are removed again (discard)
    transactions.executeWithoutResult(
        status ->
            store(
                id, yaml, plan, report, order, assigned, chamberList, product, lots, now, reused));
    Map<String, Object> vars = new HashMap<>();
    vars.put("campaignId", id);
    vars.put("campaign", plan.campaign());
    vars.put("product", product);
    vars.put("lots", lots);
    vars.put("chamber", chamberList);
    vars.put("legsTotal", order.size());
    vars.put("legsDone", 0);
    vars.put("modulesTotal", plan.modules().size());
    vars.put("lastReadPoint", "");
    vars.put("failures", 0);
    vars.put("confirmedFailures", 0);
    vars.put("openAnalyses", 0);
    vars.put("progressPercent", 0);
    vars.put("verdict", "PENDING");
    vars.put("reminderAfter", campaigns.reminderAfter().toString());
    vars.put("chamberRecheck", campaigns.chamberRecheck().toString());
    long key;
    try {
      key =
          client
              .newCreateInstanceCommand()
              .bpmnProcessId(PROCESS_ID)
              .latestVersion()
              .variables(vars)
              .businessId(id)
              .send()
              .join()
              .getProcessInstanceKey();
    } catch (RuntimeException e) {
      // the instance may exist even so (the answer was lost): it is the campaign's if it does
      Optional<Long> existing = instanceOf(id);
      if (existing.isEmpty()) {
        discard(id);
        throw new WorkflowEngineUnavailableException(
            ("Campaign not launched: the workflow engine did not start its process instance (%s);"
                    + " nothing was kept, launch it again")
                .formatted(e.getMessage()),
            e);
      }
      key = existing.get();
    }
    repository.updateProcessInstance(id, key);
    return repository.find(id).orElseThrow();
  }

  /** A launch's rows: modules, the campaign, its legs, the logbook's first entry. */
  private void store(
      String id,
      String yaml,
      CampaignPlan plan,
      PlanReport report,
      List<Leg> order,
      Map<String, String> assigned,
      String chamberList,
      String product,
      String lots,
      Instant now,
      List<String> reused) {
    register(plan);
    for (CampaignPlan.Module m : plan.modules()) {
      jdbc.sql("INSERT INTO campaign_module (campaign_id, serial) VALUES (?, ?)")
          .params(id, m.serial())
          .update();
    }
    Campaign campaign =
        new Campaign(
            id,
            0,
            PROCESS_ID,
            plan.campaign(),
            product,
            lots,
            chamberList.isEmpty() ? "none" : chamberList,
            "ACTIVE",
            "PENDING",
            null,
            now,
            null);
    // stored before the instance exists: its first job can run before create() returns
    repository.insert(campaign, yaml);
    for (int i = 0; i < order.size(); i++) {
      Leg leg = order.get(i);
      PlanReport.LegSummary summary =
          report.legs().stream().filter(s -> s.id().equals(leg.id())).findFirst().orElseThrow();
      legs.insert(
          id,
          new CampaignView.LegView(
              leg.id(),
              leg.name() != null ? leg.name() : leg.id(),
              "PLANNED",
              null,
              summary.hours(),
              RunEstimate.conditionHours(leg),
              summary.cycles(),
              leg.samples().size(),
              leg.acceptance() == null ? null : leg.acceptance().allowedFailures(),
              null,
              null,
              0,
              0,
              0,
              List.of(),
              assigned.get(leg.id())),
          i);
    }
    campaignLog.record(
        id,
        "LAUNCHED",
        "campaign '%s' (%s) launched: %d legs (%s), %d modules"
            .formatted(
                plan.campaign(),
                product,
                order.size(),
                order.stream()
                    .map(
                        l ->
                            l.id()
                                + (assigned.containsKey(l.id())
                                    ? " in chamber '" + assigned.get(l.id()) + "'"
                                    : " outside the chambers"))
                    .collect(Collectors.joining(", ")),
                plan.modules().size()));
    if (!reused.isEmpty()) {
      campaignLog.record(
          id,
          "MODULES_REUSED",
          "tested before in another campaign, on test again as the plan marks them reuse: true: "
              + String.join(", ", reused));
    }
  }

  /**
   * The campaign's process instance, looked up by its business id (the campaign id), if the engine
   * has one; empty if it has none or cannot be asked.
   */
  Optional<Long> instanceOf(String id) {
    try {
      return client
          .newProcessInstanceSearchRequest()
          .filter(f -> f.processDefinitionId(PROCESS_ID).businessId(id))
          .send()
          .join()
          .items()
          .stream()
          .map(ProcessInstance::getProcessInstanceKey)
          .min(Long::compare);
    } catch (RuntimeException e) {
      log.warn(
          "Campaign {}: the engine could not be asked for its instance: {}", id, e.getMessage());
      return Optional.empty();
    }
  }

  /** Removes what a launch stored for a campaign whose instance the engine did not start. */
  private void discard(String id) {
    transactions.executeWithoutResult(
        status -> {
          for (String table :
              List.of("campaign_event", "campaign_leg", "campaign_module", "campaign")) {
            jdbc.sql(
                    "DELETE FROM "
                        + table
                        + " WHERE "
                        + ("campaign".equals(table) ? "id" : "campaign_id")
                        + " = ?")
                .param(id)
                .update();
          }
        });
    log.warn(
        "Campaign {} not launched: the engine did not start its instance; its rows removed", id);
  }

  /**
   * At start-up: a campaign whose launch was cut short between its rows and its instance (process
   * key 0, launched more than a minute ago) gets the instance the engine has for it, or is removed,
   * so no campaign is left ACTIVE without an instance (its modules would be busy forever).
   */
  @org.springframework.context.event.EventListener(
      org.springframework.boot.context.event.ApplicationReadyEvent.class)
  void completeInterruptedLaunches() {
    Instant before = clock.instant().minus(Duration.ofMinutes(1));
    for (Campaign c : repository.findAll()) {
      if (c.processInstanceKey() != 0 || c.ended() || c.startedAt().isAfter(before)) {
        continue;
      }
      Optional<Long> key = instanceOf(c.id());
      if (key.isPresent()) {
        repository.updateProcessInstance(c.id(), key.get());
        log.info("Campaign {}: launch completed with instance {}", c.id(), key.get());
      } else {
        discard(c.id());
      }
    }
  }

  private static String product(CampaignPlan plan) {
    CampaignPlan.Product p = plan.product();
    StringBuilder b = new StringBuilder(p.partNumber());
    if (p.description() != null) {
      b.append(" (").append(p.description()).append(")");
    }
    if (p.revision() != null) {
      b.append(" rev ").append(p.revision());
    }
    return b.toString();
  }

  /**
   * The plan's lots and modules into the lab's registry (a lot a module names is registered too).
   */
  private void register(CampaignPlan plan) {
    String part = plan.product().partNumber();
    Map<String, String> lots = new java.util.LinkedHashMap<>();
    plan.lots().forEach(l -> lots.put(l.id(), l.dateCode()));
    plan.modules().stream()
        .filter(m -> m.lot() != null)
        .forEach(m -> lots.putIfAbsent(m.lot(), null));
    lots.forEach(
        (id, dateCode) -> registry.registerLot(new ModuleRegistry.Lot(id, part, dateCode, null)));
    plan.modules().forEach(m -> registry.registerModule(m.serial(), m.lot(), part));
  }

  /**
   * The reuse rule: a module that was on test in another campaign before (or in a profile run
   * outside a campaign), whatever its outcome there, goes on test again only if the plan marks it
   * {@code reuse: true}; it then starts afresh in this campaign (its own baseline, samples and
   * failure record).
   *
   * @return the modules marked for reuse that were tested before, each with its earlier campaigns.
   */
  private List<String> refuseUnmarkedReuse(CampaignPlan plan) {
    Map<String, List<ModuleRegistry.CampaignUnit>> history =
        registry.history(plan.modules().stream().map(CampaignPlan.Module::serial).toList());
    List<String> tested = new ArrayList<>();
    List<String> reused = new ArrayList<>();
    for (CampaignPlan.Module m : plan.modules()) {
      List<ModuleRegistry.CampaignUnit> before = history.get(m.serial());
      if (before != null) {
        (m.isReuse() ? reused : tested)
            .add(
                m.serial()
                    + " ("
                    + before.stream()
                        .map(ModuleRegistry.CampaignUnit::describe)
                        .collect(Collectors.joining("; "))
                    + ")");
      }
    }
    if (!tested.isEmpty()) {
      throw new CampaignConflictException(
          "Module(s) tested before in another campaign: "
              + String.join(", ", tested)
              + "; to test a module again, mark it `reuse: true` under the plan's modules (it is"
              + " read and judged afresh in this campaign, against its own new baseline), or take"
              + " other modules");
    }
    return reused;
  }

  /**
   * Refuses a profile run outside a campaign (commissioning a chamber, {@code POST
   * /api/profile-runs}) that would touch a campaign's modules: its campaign id may not be that of a
   * campaign launched here (its legs are run by its workflow), and none of its leg's modules may be
   * on test in a running campaign.
   *
   * @param campaignId the id the run is to be recorded under.
   * @param serials the leg's modules.
   * @throws CampaignConflictException if it would.
   */
  public void refuseProfileRunConflicts(String campaignId, List<String> serials) {
    Optional<Campaign> campaign = repository.find(campaignId);
    if (campaign.isPresent()) {
      Campaign c = campaigns.refresh(campaignId);
      throw new CampaignConflictException(
          ("campaignId: '%s' is a campaign launched here (%s): %s; a profile run outside a"
                  + " campaign takes an id of its own, e.g. COMMISSION-<chamber>-<date>")
              .formatted(
                  campaignId,
                  c.state(),
                  c.ended()
                      ? "its record is closed and its modules' state is its own"
                      : "it is running and its legs are run by its workflow"));
    }
    List<String> busy = modulesOnTest(serials);
    if (!busy.isEmpty()) {
      throw new CampaignConflictException(
          "Module(s) on test in a running campaign: "
              + String.join(", ", busy)
              + "; a profile run outside a campaign cannot take them: take other modules");
    }
  }

  private List<String> modulesOnTest(List<String> serials) {
    if (serials.isEmpty()) {
      return List.of();
    }
    List<Map.Entry<String, String>> busy =
        jdbc.sql(
                "SELECT m.serial, m.campaign_id FROM campaign_module m JOIN campaign c ON c.id ="
                    + " m.campaign_id WHERE c.state = 'ACTIVE' AND m.serial IN (:serials)"
                    + " ORDER BY m.serial")
            .param("serials", serials)
            .query((rs, i) -> Map.entry(rs.getString(1), rs.getString(2)))
            .list();
    // the stored state follows the engine lazily: bring those campaigns up to date first
    return busy.stream()
        .filter(e -> !campaigns.refresh(e.getValue()).ended())
        .map(e -> e.getKey() + " (campaign " + e.getValue() + ")")
        .toList();
  }
}
