package io.stressflow.workflows.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.stressflow.chamber.simulator.ChamberSimulator;
import io.stressflow.workflows.support.Api;
import io.stressflow.workflows.support.TestChambers;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Production mode: Stressflow as an OAuth2 resource server against a real authorization server
 * (Spring Authorization Server, started here on a free port) that puts the user name and roles in
 * its access tokens. A token with the manager role reads the audit trail and may not register
 * modules; a call without a token is 401; local Basic logins are off.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcIT {

  ConfigurableApplicationContext issuer;
  ChamberSimulator simulator;
  ConfigurableApplicationContext app;
  String issuerUrl;
  Api api;

  /** The authorization server: one client, tokens with {@code preferred_username} and roles. */
  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class AuthorizationServer {
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> roles() {
      return context -> {
        context.getClaims().claim("preferred_username", "oidc.manager");
        context
            .getClaims()
            .claim("realm_access", java.util.Map.of("roles", List.of("manager", "offline")));
      };
    }
  }

  @BeforeAll
  void start() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    issuerUrl = "http://127.0.0.1:" + port;
    issuer =
        new SpringApplicationBuilder(AuthorizationServer.class)
            .run(
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--spring.main.banner-mode=off",
                "--spring.datasource.url=jdbc:h2:mem:issuer",
                "--spring.flyway.enabled=false",
                "--spring.quartz.job-store-type=memory",
                "--spring.quartz.auto-startup=false",
                "--springdoc.api-docs.enabled=false",
                "--spring.security.oauth2.authorizationserver.issuer=" + issuerUrl,
                "--spring.security.oauth2.authorizationserver.client.lab.registration.client-id=lab",
                "--spring.security.oauth2.authorizationserver.client.lab.registration.client-secret={noop}lab-secret",
                "--spring.security.oauth2.authorizationserver.client.lab.registration.client-authentication-methods=client_secret_basic",
                "--spring.security.oauth2.authorizationserver.client.lab.registration.authorization-grant-types=client_credentials",
                "--spring.security.oauth2.authorizationserver.client.lab.registration.scopes=stressflow");
    simulator = TestChambers.simulator(3600);
    app =
        TestChambers.webApp(
            TestChambers.dataDir("oidc"),
            3600,
            simulator,
            "--stressflow.security.mode=oidc",
            // the authorization server is on the test classpath only: not part of Stressflow
            "--spring.autoconfigure.exclude="
                + "org.springframework.boot.security.oauth2.server.authorization.autoconfigure"
                + ".servlet.OAuth2AuthorizationServerAutoConfiguration,"
                + "org.springframework.boot.security.oauth2.server.authorization.autoconfigure"
                + ".servlet.OAuth2AuthorizationServerJwtAutoConfiguration",
            "--stressflow.security.roles-claim=realm_access.roles",
            "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuerUrl);
    api = new Api(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.close();
    }
    if (simulator != null) {
      simulator.close();
    }
    if (issuer != null) {
      issuer.close();
    }
  }

  @Test
  void shouldTakeTheUserAndRolesFromTheIssuersTokenAndRefuseWithoutOne() throws Exception {
    Api bearer = api.bearer(token());

    Api.Reply me = bearer.get("/api/me");
    assertThat(me.status()).as(me.text() + " " + me.headers()).isEqualTo(200);
    assertThat(me.json().get("username").asText()).isEqualTo("oidc.manager");
    assertThat(me.json().get("roles").toString()).isEqualTo("[\"manager\"]");

    assertThat(bearer.get("/api/audit").status()).isEqualTo(200);
    assertThat(bearer.call("POST", "/api/modules", "application/json", "{}").status())
        .isEqualTo(403);
    assertThat(api.anonymous().get("/api/campaigns").status()).isEqualTo(401);
    // local users are off: even the administrator's Basic login is not accepted
    assertThat(api.get("/api/campaigns").status()).isEqualTo(401);
    Api.Reply forged = api.bearer("not-a-jwt").get("/api/campaigns");
    assertThat(forged.status()).isEqualTo(401);
    assertThat(forged.contentType()).startsWith("application/problem+json");
    assertThat(forged.json().get("detail").asText()).contains("access token is not valid");
  }

  private String token() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(issuerUrl + "/oauth2/token"))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString("lab:lab-secret".getBytes(StandardCharsets.UTF_8)))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "grant_type=client_credentials&scope=stressflow"))
            .build();
    HttpResponse<String> r =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(r.body())
        .get("access_token")
        .asText();
  }
}
