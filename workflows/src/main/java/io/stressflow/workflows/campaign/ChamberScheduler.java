package io.stressflow.workflows.campaign;

import io.stressflow.workflows.chamber.Lab;
import io.stressflow.workflows.logbook.CampaignLog;
import io.stressflow.workflows.outbox.Outbox;
import io.stressflow.workflows.plan.Leg;
import io.stressflow.workflows.time.TimeScale;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which chamber runs which leg, and who holds which chamber: assigns each chamber leg its chamber
 * at launch (the one the plan names, or the best of its {@code chamberPool}), reserves all of a
 * campaign's chambers at once before its modules are loaded (all or none, so two campaigns never
 * hold half of each other's chambers), and otherwise records what the campaign waits for: a chamber
 * held by another campaign, out of service, or past its calibration due date. Campaigns waiting for
 * a chamber are sent {@code chamber-freed} when it is released or returns to service; their
 * workflow then tries again.
 */
@Component
public class ChamberScheduler {

  /** The message a campaign waiting for a chamber is sent when one may have freed. */
  public static final String CHAMBER_FREED = "chamber-freed";

  private final Lab lab;
  private final JdbcClient jdbc;
  private final CampaignRepository campaigns;
  private final CampaignLegRepository legs;
  private final CampaignLog campaignLog;
  private final Outbox outbox;
  private final TimeScale timeScale;
  private final Clock clock;
  private final TransactionTemplate transactions;

  ChamberScheduler(
      Lab lab,
      JdbcClient jdbc,
      CampaignRepository campaigns,
      CampaignLegRepository legs,
      CampaignLog campaignLog,
      Outbox outbox,
      TimeScale timeScale,
      Clock clock,
      PlatformTransactionManager transactionManager) {
    this.lab = lab;
    this.jdbc = jdbc;
    this.campaigns = campaigns;
    this.legs = legs;
    this.campaignLog = campaignLog;
    this.outbox = outbox;
    this.timeScale = timeScale;
    this.clock = clock;
    this.transactions = new TransactionTemplate(transactionManager);
  }

  /** A campaign's reservation, or what it waits for. */
  public record Outcome(boolean reserved, List<String> chambers, String waitingFor) {}

  /** One line of a chamber's calendar. */
  public record CalendarEntry(
      String campaignId, String kind, Instant since, Instant expectedUntil, String note) {}

  /**
   * Assigns each chamber leg a chamber: the one it names, or from its pool the first that may take
   * work and is free, else the first that may take work, else the first.
   *
   * @param order the plan's legs.
   * @return leg id to chamber, for the chamber legs.
   */
  public Map<String, String> assign(List<Leg> order) {
    Map<String, String> assigned = new LinkedHashMap<>();
    for (Leg leg : order) {
      if (leg.outsideChamber()) {
        continue;
      }
      assigned.put(leg.id(), leg.chamber() != null ? leg.chamber() : best(leg.chamberPool(), null));
    }
    return assigned;
  }

  private String best(List<String> pool, String campaignId) {
    Optional<String> free =
        pool.stream()
            .filter(c -> lab.unavailableReason(c).isEmpty() && heldByOther(c, campaignId).isEmpty())
            .findFirst();
    if (free.isPresent()) {
      return free.get();
    }
    return pool.stream()
        .filter(c -> lab.unavailableReason(c).isEmpty())
        .findFirst()
        .orElse(pool.get(0));
  }

  private Optional<String> heldByOther(String chamber, String campaignId) {
    return jdbc.sql("SELECT campaign_id FROM chamber_reservation WHERE chamber = ?")
        .param(chamber)
        .query(String.class)
        .optional()
        .filter(holder -> !holder.equals(campaignId))
        .filter(holder -> campaigns.find(holder).map(c -> !c.ended()).orElse(false));
  }

  /**
   * Reserves every chamber the campaign's unfinished chamber legs need, or none: a leg whose
   * chamber is held or unavailable moves to a free chamber of its pool if it has one; otherwise the
   * campaign waits, and the logbook and {@link #waiting} say for what.
   *
   * @param campaignId the campaign.
   * @param pools each leg's chamber pool (empty for a leg that names its chamber).
   * @return reserved, or what it waits for.
   */
  public synchronized Outcome reserve(String campaignId, Map<String, List<String>> pools) {
    return transactions.execute(status -> reserveInTransaction(campaignId, pools));
  }

  private Outcome reserveInTransaction(String campaignId, Map<String, List<String>> pools) {
    Instant now = clock.instant();
    List<String> blocked = new ArrayList<>();
    Map<String, String> reasons = new LinkedHashMap<>();
    Set<String> chambers = new LinkedHashSet<>();
    double hours = 0;
    for (CampaignView.LegView leg : legs.legs(campaignId)) {
      List<String> candidates = pools.getOrDefault(leg.id(), List.of());
      // a campaign launched before legs had their own chamber: the plan's
      String chamber =
          leg.chamber() != null ? leg.chamber() : candidates.isEmpty() ? null : candidates.get(0);
      if (chamber == null || "COMPLETED".equals(leg.state()) || "ABORTED".equals(leg.state())) {
        continue;
      }
      hours += leg.hours();
      Optional<String> problem = problem(chamber, campaignId);
      List<String> pool = candidates;
      if (problem.isPresent() && pool.size() > 1) {
        Optional<String> other =
            pool.stream().filter(c -> problem(c, campaignId).isEmpty()).findFirst();
        if (other.isPresent()) {
          legs.assignChamber(campaignId, leg.id(), other.get());
          campaignLog.record(
              campaignId,
              "CHAMBER_ASSIGNED",
              "[%s] runs in chamber '%s' instead of '%s' (%s)"
                  .formatted(leg.id(), other.get(), chamber, problem.get()));
          chamber = other.get();
          problem = Optional.empty();
        }
      }
      if (problem.isPresent()) {
        blocked.add(chamber);
        reasons.put(chamber, problem.get());
      }
      chambers.add(chamber);
    }
    if (!blocked.isEmpty()) {
      for (String chamber : blocked) {
        String reason = reasons.get(chamber);
        Optional<String> before =
            jdbc.sql("SELECT reason FROM chamber_waiter WHERE campaign_id = ? AND chamber = ?")
                .params(campaignId, chamber)
                .query(String.class)
                .optional();
        if (before.isEmpty()) {
          jdbc.sql(
                  "INSERT INTO chamber_waiter (campaign_id, chamber, since, reason) VALUES (?, ?, ?,"
                      + " ?)")
              .params(campaignId, chamber, Timestamp.from(now), truncate(reason))
              .update();
        } else if (!before.get().equals(truncate(reason))) {
          jdbc.sql("UPDATE chamber_waiter SET reason = ? WHERE campaign_id = ? AND chamber = ?")
              .params(truncate(reason), campaignId, chamber)
              .update();
        }
        if (!before.map(b -> b.equals(truncate(reason))).orElse(false)) {
          campaignLog.record(
              campaignId,
              "WAITING_FOR_CHAMBER",
              "waiting for chamber '%s': %s".formatted(chamber, reason));
        }
      }
      jdbc.sql(
              "DELETE FROM chamber_waiter WHERE campaign_id = ? AND chamber NOT IN (SELECT chamber"
                  + " FROM campaign_leg WHERE campaign_id = ? AND chamber IS NOT NULL)")
          .params(campaignId, campaignId)
          .update();
      return new Outcome(false, List.copyOf(chambers), describe(blocked, reasons));
    }
    Instant until = now.plus(timeScale.toWall(Duration.ofSeconds(Math.round(hours * 3600))));
    List<String> taken = new ArrayList<>();
    for (String chamber : chambers) {
      Optional<String> holder =
          jdbc.sql("SELECT campaign_id FROM chamber_reservation WHERE chamber = ?")
              .param(chamber)
              .query(String.class)
              .optional();
      if (holder.isPresent() && holder.get().equals(campaignId)) {
        continue;
      }
      // a reservation left by an ended campaign is stale
      jdbc.sql("DELETE FROM chamber_reservation WHERE chamber = ?").param(chamber).update();
      jdbc.sql(
              "INSERT INTO chamber_reservation (chamber, campaign_id, reserved_at, expected_until)"
                  + " VALUES (?, ?, ?, ?)")
          .params(chamber, campaignId, Timestamp.from(now), Timestamp.from(until))
          .update();
      taken.add(chamber);
    }
    jdbc.sql("DELETE FROM chamber_waiter WHERE campaign_id = ?").param(campaignId).update();
    if (!taken.isEmpty()) {
      campaignLog.record(
          campaignId,
          "CHAMBER_RESERVED",
          (taken.size() == 1 ? "chamber '%s' reserved" : "chambers %s reserved")
                  .formatted(taken.size() == 1 ? taken.get(0) : quoted(taken))
              + " (expected until about "
              + until
              + ")");
    }
    return new Outcome(true, List.copyOf(chambers), null);
  }

  private Optional<String> problem(String chamber, String campaignId) {
    Optional<String> unavailable = lab.unavailableReason(chamber);
    if (unavailable.isPresent()) {
      return unavailable;
    }
    return heldByOther(chamber, campaignId)
        .map(
            holder ->
                "reserved by campaign "
                    + holder
                    + jdbc.sql("SELECT expected_until FROM chamber_reservation WHERE chamber = ?")
                        .param(chamber)
                        .query(Timestamp.class)
                        .optional()
                        .map(t -> " (expected free about " + t.toInstant() + ")")
                        .orElse(""));
  }

  private static String describe(List<String> blocked, Map<String, String> reasons) {
    List<String> parts = new ArrayList<>();
    for (String c : blocked) {
      parts.add("chamber '" + c + "': " + reasons.get(c));
    }
    return String.join("; ", parts);
  }

  private static String quoted(Collection<String> ids) {
    return ids.stream().map(i -> "'" + i + "'").toList().toString();
  }

  private static String truncate(String s) {
    return s.length() <= 500 ? s : s.substring(0, 497) + "...";
  }

  /**
   * What a campaign waits for, if it waits for a chamber.
   *
   * @param campaignId the campaign.
   * @return e.g. {@code chamber 'chamber-2': reserved by campaign C-… since 2026-12-05T10:00Z}.
   */
  public Optional<String> waiting(String campaignId) {
    List<String> lines =
        jdbc.sql(
                "SELECT chamber, since, reason FROM chamber_waiter WHERE campaign_id = ? ORDER BY"
                    + " chamber")
            .param(campaignId)
            .query(
                (rs, i) ->
                    "chamber '%s' since %s: %s"
                        .formatted(
                            rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3)))
            .list();
    return lines.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", lines));
  }

  /**
   * Releases every chamber a campaign holds and tells the campaigns waiting for them.
   *
   * @param campaignId the campaign.
   * @return the chambers it held.
   */
  public synchronized List<String> release(String campaignId) {
    return transactions.execute(
        status -> {
          List<String> held = held(campaignId);
          jdbc.sql("DELETE FROM chamber_reservation WHERE campaign_id = ?")
              .param(campaignId)
              .update();
          jdbc.sql("DELETE FROM chamber_waiter WHERE campaign_id = ?").param(campaignId).update();
          notifyWaiters(held, "released by campaign " + campaignId);
          return held;
        });
  }

  /**
   * The chambers a campaign holds.
   *
   * @param campaignId the campaign.
   * @return their ids.
   */
  public List<String> held(String campaignId) {
    return jdbc.sql(
            "SELECT chamber FROM chamber_reservation WHERE campaign_id = ? ORDER BY chamber")
        .param(campaignId)
        .query(String.class)
        .list();
  }

  /**
   * Tells the campaigns waiting for any of {@code chambers} to try again (in the caller's
   * transaction, through the outbox).
   *
   * @param chambers the chambers that may have freed.
   * @param why for the message id and the logbook.
   */
  public void notifyWaiters(Collection<String> chambers, String why) {
    if (chambers.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    for (String chamber : chambers) {
      List<String> waiters =
          jdbc.sql("SELECT campaign_id FROM chamber_waiter WHERE chamber = ? ORDER BY since")
              .param(chamber)
              .query(String.class)
              .list();
      for (String waiter : waiters) {
        outbox.publish(
            "%s/%s/%s/%s".formatted(waiter, CHAMBER_FREED, chamber, now.toEpochMilli()),
            CHAMBER_FREED,
            waiter,
            Map.of("freedChamber", chamber, "freedBecause", why),
            Duration.ofHours(1));
      }
    }
  }

  /** A chamber changed (back in service, calibrated, added): its waiters try again. */
  @org.springframework.context.event.EventListener
  void on(io.stressflow.workflows.chamber.ChamberInventory.ChamberChanged changed) {
    if (lab.unavailableReason(changed.chamber()).isEmpty()) {
      transactions.executeWithoutResult(
          status -> notifyWaiters(List.of(changed.chamber()), "changed in the inventory"));
    }
  }

  /**
   * A chamber's calendar: who holds it (since, expected until) and who waits for it.
   *
   * @param chamber the chamber.
   * @return the holder first, then the waiters in the order they began waiting.
   */
  public List<CalendarEntry> calendar(String chamber) {
    List<CalendarEntry> entries = new ArrayList<>();
    entries.addAll(
        jdbc.sql(
                "SELECT campaign_id, reserved_at, expected_until FROM chamber_reservation WHERE"
                    + " chamber = ?")
            .param(chamber)
            .query(
                (rs, i) ->
                    new CalendarEntry(
                        rs.getString(1),
                        "RESERVED",
                        rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(),
                        null))
            .list());
    entries.addAll(
        jdbc.sql(
                "SELECT campaign_id, since, reason FROM chamber_waiter WHERE chamber = ? ORDER BY"
                    + " since")
            .param(chamber)
            .query(
                (rs, i) ->
                    new CalendarEntry(
                        rs.getString(1),
                        "WAITING",
                        rs.getTimestamp(2).toInstant(),
                        null,
                        rs.getString(3)))
            .list());
    return entries;
  }
}
