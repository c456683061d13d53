package io.stressflow.workflows.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may use Stressflow and how they prove it, bound from {@code stressflow.security.*}.
 *
 * @param mode {@code local} (users in Stressflow's database, HTTP Basic and CLI tokens) or {@code
 *     oidc} (a resource server: JWTs from the issuer set in {@code
 *     spring.security.oauth2.resourceserver.jwt.issuer-uri}).
 * @param adminPassword the first administrator's password on first start (env {@code
 *     STRESSFLOW_ADMIN_PASSWORD}); empty: a generated one is printed once.
 * @param rolesClaim with OIDC, the JWT claim that lists the user's roles (e.g. {@code roles}, or
 *     {@code realm_access.roles} for Keycloak); a dotted path walks into objects.
 * @param usernameClaim with OIDC, the claim that names the user (e.g. {@code preferred_username}).
 * @param tokenTtl how long a CLI login token is valid.
 * @param loginAttempts failed logins for one user name before it is locked out for a while.
 * @param loginLockout how long a user name stays locked out after too many failed logins.
 * @param signatureMaxAge with OIDC, how recent the signer's login ({@code auth_time}) must be for a
 *     signed decision.
 */
@ConfigurationProperties("stressflow.security")
public record SecurityProperties(
    @DefaultValue("local") String mode,
    @DefaultValue("") String adminPassword,
    @DefaultValue("roles") String rolesClaim,
    @DefaultValue("preferred_username") String usernameClaim,
    @DefaultValue("P30D") Duration tokenTtl,
    @DefaultValue("5") int loginAttempts,
    @DefaultValue("PT1M") Duration loginLockout,
    @DefaultValue("PT5M") Duration signatureMaxAge) {

  /** Whether people authenticate against an OIDC issuer instead of local users. */
  public boolean oidc() {
    return "oidc".equalsIgnoreCase(mode);
  }
}
