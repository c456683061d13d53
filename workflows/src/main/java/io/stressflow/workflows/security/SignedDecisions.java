package io.stressflow.workflows.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Service;

/**
 * Signed decisions: approving (or rejecting) a campaign's report and confirming or dismissing a
 * failure. The signer re-authenticates in the request (their password; with OIDC a login at the
 * issuer no older than {@code stressflow.security.signature-max-age}) and states what the signature
 * means. The decision, signer, time and meaning are stored in {@code signed_decision}, which cannot
 * be changed: a later decision on the same subject is a new entry that supersedes the earlier one.
 */
@Service
public class SignedDecisions {

  /** The tasks whose completion is a signed decision, and the form field that holds it. */
  public static final Map<String, String> SIGNED =
      Map.of("approve-report", "approval", "verify-failure", "verification");

  /**
   * A stored signed decision.
   *
   * @param id its number.
   * @param campaignId the campaign.
   * @param elementId the task's element, e.g. {@code approve-report}.
   * @param subject what was decided on: {@code report}, or the failed module's serial.
   * @param decision the decision, e.g. {@code approve}, {@code CONFIRMED}.
   * @param signer who signed.
   * @param signedAt when.
   * @param meaning the meaning of the signature, in the signer's words.
   * @param supersedes the entry this one supersedes, or null.
   */
  public record Decision(
      long id,
      String campaignId,
      String elementId,
      String subject,
      String decision,
      String signer,
      Instant signedAt,
      String meaning,
      Long supersedes) {}

  /** A verified signature, ready to be stored with its decision. */
  public record Signature(String signer, String meaning) {}

  private final JdbcClient jdbc;
  private final Clock clock;
  private final UserStore users;
  private final LoginThrottle throttle;
  private final SecurityProperties properties;

  SignedDecisions(
      JdbcClient jdbc,
      Clock clock,
      UserStore users,
      LoginThrottle throttle,
      SecurityProperties properties) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.users = users;
    this.throttle = throttle;
    this.properties = properties;
  }

  /**
   * Re-authenticates the acting user for a signature.
   *
   * @param password the password they typed again (local users).
   * @param meaning what the signature means, in their words.
   * @return the signature.
   * @throws SignatureRejectedException if the signer cannot be re-authenticated.
   * @throws IllegalArgumentException if the meaning is missing or too long.
   */
  public Signature verify(String password, String meaning) {
    if (meaning == null || meaning.isBlank() || meaning.length() > 1000) {
      throw new IllegalArgumentException(
          "signature.meaning: state what your signature means (1 to 1000 characters)");
    }
    String signer = Actors.current();
    if (!Actors.authenticated()) {
      throw new SignatureRejectedException("A signature needs an authenticated signer");
    }
    Authentication a = SecurityContextHolder.getContext().getAuthentication();
    if (properties.oidc() || a instanceof JwtAuthenticationToken) {
      Instant authTime =
          a instanceof JwtAuthenticationToken jwt
              ? jwt.getToken().getClaimAsInstant("auth_time")
              : null;
      if (authTime == null
          || authTime.isBefore(clock.instant().minus(properties.signatureMaxAge()))) {
        throw new SignatureRejectedException(
            "Log in again at the identity provider to sign (your login must be at most "
                + properties.signatureMaxAge().toMinutes()
                + " minutes old)");
      }
      return new Signature(signer, meaning.strip());
    }
    if (!throttle.allowed(signer)) {
      throw new SignatureRejectedException("Too many failed logins; try again later");
    }
    if (!users.matches(signer, password)) {
      throttle.failed(signer, "signature");
      throw new SignatureRejectedException("The password does not match the signer " + signer);
    }
    return new Signature(signer, meaning.strip());
  }

  /**
   * Stores a signed decision, superseding the last one on the same subject.
   *
   * @return the stored decision.
   */
  public synchronized Decision record(
      String campaignId,
      long processInstanceKey,
      long taskKey,
      String elementId,
      String subject,
      String decision,
      Signature signature) {
    Long previous =
        jdbc.sql(
                "SELECT MAX(id) FROM signed_decision WHERE campaign_id = ? AND element_id = ? AND"
                    + " subject = ?")
            .params(campaignId, elementId, subject)
            .query(Long.class)
            .optional()
            .orElse(null);
    Instant at = clock.instant();
    jdbc.sql(
            "INSERT INTO signed_decision (campaign_id, process_instance_key, task_key, element_id,"
                + " subject, decision, signer, signed_at, meaning, supersedes) VALUES (?, ?, ?, ?,"
                + " ?, ?, ?, ?, ?, ?)")
        .params(
            campaignId,
            Long.toString(processInstanceKey),
            Long.toString(taskKey),
            elementId,
            subject,
            decision,
            signature.signer(),
            Timestamp.from(at),
            signature.meaning(),
            previous)
        .update();
    List<Decision> all = list(campaignId);
    return all.get(all.size() - 1);
  }

  /** A campaign's signed decisions, oldest first. */
  public List<Decision> list(String campaignId) {
    return jdbc.sql(
            "SELECT id, campaign_id, element_id, subject, decision, signer, signed_at, meaning,"
                + " supersedes FROM signed_decision WHERE campaign_id = ? ORDER BY id")
        .param(campaignId)
        .query(
            (rs, i) ->
                new Decision(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getTimestamp(7).toInstant(),
                    rs.getString(8),
                    (Long) rs.getObject(9, Long.class)))
        .list();
  }

  /** The report's section of signed decisions (Markdown), or empty if there are none. */
  public String reportSection(String campaignId) {
    List<Decision> all = list(campaignId);
    if (all.isEmpty()) {
      return "";
    }
    StringBuilder r = new StringBuilder("\n## Signatures\n\n");
    r.append("| # | decision | on | signed by | at (UTC) | meaning | supersedes |\n");
    r.append("| --- | --- | --- | --- | --- | --- | --- |\n");
    for (Decision d : all) {
      r.append(
          "| %d | %s: %s | %s | %s | %s | %s | %s |%n"
              .formatted(
                  d.id(),
                  d.elementId(),
                  d.decision(),
                  d.subject(),
                  d.signer(),
                  d.signedAt(),
                  d.meaning().replace("|", "\\|").replace("\n", " "),
                  d.supersedes() == null ? "" : "#" + d.supersedes()));
    }
    return r.toString();
  }
}
