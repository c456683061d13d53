package io.stressflow.workflows.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressflow.chamber.simulator.ChamberSimulator;
import io.stressflow.workflows.support.Api;
import io.stressflow.workflows.support.TestChambers;
import io.stressflow.workflows.support.TestUsers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every endpoint of the REST API × every role, against the real application over HTTP: without
 * credentials 401, with a role the endpoint does not allow 403, with one it allows anything but
 * 401/403 (the ids are made up, so an allowed call is typically a 404 or 400: it got past the
 * guard). Also: the refusals are in the audit trail, login attempts are rate-limited, a browser
 * session needs the CSRF token, and errors carry a request id.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleMatrixIT {

  static final String LAB = "lab-staff";
  static final String FA = "fa-engineer";
  static final String MANAGER = "manager";
  static final String ADMIN = "admin";
  static final Set<String> EVERYONE = Set.of(LAB, FA, MANAGER, ADMIN);

  /** One call and the roles that may make it. */
  record Call(String method, String path, String type, String body, Set<String> allowed) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  static final List<Call> CALLS =
      List.of(
          new Call("GET", "/api/campaigns", null, null, EVERYONE),
          new Call("GET", "/api/campaigns/C-x", null, null, EVERYONE),
          new Call("GET", "/api/campaigns/C-x/events", null, null, EVERYONE),
          new Call("GET", "/api/campaigns/C-x/failures", null, null, EVERYONE),
          new Call("GET", "/api/campaigns/C-x/read-points", null, null, EVERYONE),
          new Call("GET", "/api/campaigns/C-x/report", null, null, EVERYONE),
          new Call("GET", "/api/campaigns/C-x/report?format=pdf", null, null, EVERYONE),
          new Call("GET", "/api/campaigns/C-x/export", null, null, EVERYONE),
          new Call("GET", "/api/campaigns/C-x/export?format=csv&data=events", null, null, EVERYONE),
          new Call(
              "POST",
              "/api/campaigns",
              "application/yaml",
              "campaign: x",
              Set.of(LAB, MANAGER, ADMIN)),
          new Call("POST", "/api/campaigns/C-x/pause", null, null, Set.of(LAB, MANAGER, ADMIN)),
          new Call("POST", "/api/campaigns/C-x/resume", null, null, Set.of(LAB, MANAGER, ADMIN)),
          new Call(
              "POST",
              "/api/campaigns/C-x/incidents/1/retry",
              null,
              null,
              Set.of(LAB, MANAGER, ADMIN)),
          new Call(
              "POST",
              "/api/campaigns/C-x/abort",
              "application/json",
              "{\"reason\":\"test\"}",
              Set.of(MANAGER, ADMIN)),
          new Call("POST", "/api/plans/validation", "application/yaml", "campaign: x", EVERYONE),
          new Call("GET", "/api/plans/presets", null, null, EVERYONE),
          new Call("GET", "/api/lots", null, null, EVERYONE),
          new Call("POST", "/api/lots", "application/json", "{}", Set.of(LAB, ADMIN)),
          new Call("GET", "/api/modules", null, null, EVERYONE),
          new Call("GET", "/api/modules/M-x", null, null, EVERYONE),
          new Call("POST", "/api/modules", "application/json", "{}", Set.of(LAB, ADMIN)),
          new Call("GET", "/api/tasks", null, null, EVERYONE),
          new Call("GET", "/api/tasks/1", null, null, EVERYONE),
          new Call(
              "POST", "/api/tasks/1/claim", "application/json", "{}", Set.of(LAB, FA, MANAGER)),
          new Call(
              "POST", "/api/tasks/1/complete", "application/json", "{}", Set.of(LAB, FA, MANAGER)),
          new Call("POST", "/api/tasks/1/unclaim", null, null, EVERYONE),
          new Call("POST", "/api/profile-runs", "application/json", "{}", Set.of(LAB, ADMIN)),
          new Call("GET", "/api/profile-runs/R-x", null, null, EVERYONE),
          new Call("POST", "/api/profile-runs/R-x/pause", null, null, Set.of(LAB, ADMIN)),
          new Call("POST", "/api/profile-runs/R-x/resume", null, null, Set.of(LAB, ADMIN)),
          new Call("GET", "/api/chambers", null, null, EVERYONE),
          new Call("GET", "/api/chambers/chamber-x", null, null, EVERYONE),
          new Call("GET", "/api/chambers/chamber-x/telemetry", null, null, EVERYONE),
          new Call("GET", "/api/audit", null, null, Set.of(MANAGER, ADMIN)),
          new Call("GET", "/api/users", null, null, Set.of(ADMIN)),
          new Call("POST", "/api/users", "application/json", "{}", Set.of(ADMIN)),
          new Call(
              "PUT",
              "/api/users/nobody/roles",
              "application/json",
              "{\"roles\":[\"manager\"]}",
              Set.of(ADMIN)),
          new Call("GET", "/api/me", null, null, EVERYONE),
          new Call("GET", "/api/campaigns/C-x/diagram", null, null, EVERYONE),
          new Call("GET", "/api/modules/M-x/samples", null, null, EVERYONE),
          new Call("GET", "/v3/api-docs", null, null, EVERYONE));

  ChamberSimulator simulator;
  ConfigurableApplicationContext app;
  Api admin;
  Map<String, Api> as = new LinkedHashMap<>();

  @BeforeAll
  void start() {
    simulator = TestChambers.simulator(3600);
    app = TestChambers.webApp(TestChambers.dataDir("roles"), 3600, simulator);
    admin = new Api(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
    admin.ensureUser("m.lab", LAB).ensureUser("m.fa", FA).ensureUser("m.manager", MANAGER);
    as.put(LAB, admin.as("m.lab"));
    as.put(FA, admin.as("m.fa"));
    as.put(MANAGER, admin.as("m.manager"));
    as.put(ADMIN, admin);
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.close();
    }
    simulator.close();
  }

  @Test
  void shouldAnswerEveryEndpoint401WithoutCredentials403ForOtherRolesAndServeTheAllowedOnes() {
    List<String> wrong = new ArrayList<>();
    for (Call c : CALLS) {
      Api.Reply anonymous = admin.anonymous().call(c.method(), c.path(), c.type(), c.body());
      if (anonymous.status() != 401) {
        wrong.add(c + " anonymous: " + anonymous.status());
      }
      for (Map.Entry<String, Api> role : as.entrySet()) {
        Api.Reply r = role.getValue().call(c.method(), c.path(), c.type(), c.body());
        boolean allowed = c.allowed().contains(role.getKey());
        if (allowed && (r.status() == 401 || r.status() == 403)) {
          wrong.add(c + " as " + role.getKey() + ": " + r.status() + " " + r.text());
        }
        if (!allowed && r.status() != 403) {
          wrong.add(c + " as " + role.getKey() + ": " + r.status() + ", expected 403");
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void shouldAuditARefusedCallWithItsActorAndRequestIdAndTheReasonGiven() {
    Api.Reply refused =
        as.get(LAB)
            .call(
                "POST",
                "/api/campaigns/C-audit/abort",
                "application/json",
                "{\"reason\":\"smoke\"}");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    String requestId = refused.json().get("requestId").asText();
    assertThat(requestId).isNotBlank();

    Api.Reply audit = as.get(MANAGER).get("/api/audit?actor=m.lab");
    assertThat(audit.status()).isEqualTo(200);
    assertThat(audit.json().findValuesAsText("requestId")).contains(requestId);
    var entry =
        audit.json().findParents("requestId").stream()
            .filter(e -> e.get("requestId").asText().equals(requestId))
            .findFirst()
            .orElseThrow();
    assertThat(entry.get("action").asText()).isEqualTo("POST /api/campaigns/C-audit/abort");
    assertThat(entry.get("outcome").asText()).isEqualTo("403");
    assertThat(entry.get("reason").asText()).isEqualTo("smoke");
  }

  @Test
  void shouldLockAUserNameOutAfterTooManyFailedLogins() {
    admin.ensureUser("m.locked", LAB);
    for (int i = 0; i < 5; i++) {
      assertThat(admin.as("m.locked", "wrong-password-" + i).get("/api/me").status())
          .isEqualTo(401);
    }
    // the right password is refused too until the lockout ends
    assertThat(admin.as("m.locked").get("/api/me").status()).isEqualTo(429);
    assertThat(as.get(ADMIN).get("/api/audit?actor=m.locked").json().findValuesAsText("action"))
        .contains("LOGIN_FAILED");
  }

  @Test
  void shouldTakeACliTokenAndRefuseItOnceRevoked() {
    Api.Reply issued = as.get(FA).call("POST", "/api/auth/token", null, null);
    assertThat(issued.status()).as(issued.text()).isEqualTo(200);
    Api token = admin.bearer(issued.json().get("token").asText());
    assertThat(token.get("/api/me").json().get("username").asText()).isEqualTo("m.fa");
    assertThat(token.call("POST", "/api/auth/logout", null, null).status()).isEqualTo(204);
    assertThat(token.get("/api/me").status()).isEqualTo(401);
  }

  @Test
  void shouldRefuseABrowserSessionsChangeWithoutTheCsrfToken() {
    // a person logs in with the browser form: a session cookie
    Api.Reply login =
        admin
            .anonymous()
            .call(
                "POST",
                "/login",
                "application/x-www-form-urlencoded",
                "username=m.lab&password=" + TestUsers.PASSWORD);
    assertThat(login.status()).as(login.text()).isEqualTo(302);
    String session =
        login.headers().get("set-cookie").stream()
            .filter(c -> c.startsWith("JSESSIONID="))
            .map(c -> c.substring(0, c.indexOf(';')))
            .findFirst()
            .orElseThrow();
    Map<String, String> cookie = Map.of("Cookie", session);
    Api.Reply me = admin.anonymous().call("GET", "/api/me", null, null, cookie);
    assertThat(me.json().get("username").asText()).isEqualTo("m.lab");

    // a forged cross-site POST rides on the cookie but cannot know the CSRF token
    Api.Reply forged =
        admin.anonymous().call("POST", "/api/campaigns/C-x/pause", null, null, cookie);
    assertThat(forged.status()).isEqualTo(403);

    // the page itself sends the token it read from the XSRF-TOKEN cookie
    Api.Reply page = admin.anonymous().call("GET", "/api/me", null, null, cookie);
    String xsrf =
        page.headers().getOrDefault("set-cookie", List.of()).stream()
            .filter(c -> c.startsWith("XSRF-TOKEN="))
            .map(c -> c.substring("XSRF-TOKEN=".length(), c.indexOf(';')))
            .findFirst()
            .orElse(null);
    if (xsrf != null) {
      Api.Reply real =
          admin
              .anonymous()
              .call(
                  "POST",
                  "/api/campaigns/C-x/pause",
                  null,
                  null,
                  Map.of("Cookie", session + "; XSRF-TOKEN=" + xsrf, "X-XSRF-TOKEN", xsrf));
      assertThat(real.status()).as(real.text()).isEqualTo(404);
    }
  }

  @Test
  void shouldSendABrowserToTheLoginFormAndAnApiCallA401() {
    Map<String, String> browser = Map.of("Accept", "text/html,application/xhtml+xml");
    Api.Reply page = admin.anonymous().call("GET", "/", null, null, browser);
    assertThat(page.status()).isEqualTo(302);
    assertThat(page.headers().get("location")).anyMatch(l -> l.endsWith("/login"));
    assertThat(admin.anonymous().call("GET", "/api/campaigns", null, null, browser).status())
        .isEqualTo(401);
    Api.Reply form = admin.anonymous().call("GET", "/login", null, null, browser);
    assertThat(form.status()).isEqualTo(200);
    assertThat(form.text()).contains("name=\"username\"").contains("name=\"_csrf\"");
    Api.Reply console = as.get(LAB).call("GET", "/", null, null, browser);
    assertThat(console.status()).isEqualTo(200);
    assertThat(console.text()).contains("/console/app.js").contains("m.lab");
    assertThat(admin.anonymous().get("/vendor/bpmn-js/LICENSE").status()).isEqualTo(200);
  }

  @Test
  void shouldNameARequestIdNotTheExceptionInAnErrorBody() {
    Api.Reply r = admin.call("POST", "/api/campaigns/C-x/abort", "application/json", "{not json");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.headers().get("x-request-id")).isNotEmpty();
    assertThat(r.text()).doesNotContain("at io.stressflow", "at org.springframework");
  }
}
