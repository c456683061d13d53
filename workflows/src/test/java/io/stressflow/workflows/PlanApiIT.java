package io.stressflow.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The plan API over real HTTP: a good plan is summarised, a bad one gets every problem's path. */
class PlanApiIT extends ApplicationIT {

  private static final String ADMIN =
      "Basic "
          + java.util.Base64.getEncoder()
              .encodeToString(
                  (io.stressflow.workflows.support.TestUsers.ADMIN
                          + ":"
                          + io.stressflow.workflows.support.TestUsers.ADMIN_PASSWORD)
                      .getBytes(java.nio.charset.StandardCharsets.UTF_8));
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldSummariseAValidPlan() throws Exception {
    String plan = Files.readString(Path.of("../examples/qsfp-dd-sr8-qualification.yaml"));

    HttpResponse<String> response = post("/api/plans/validation", plan);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("\"problems\":[]")
        .contains("\"id\":\"tc\"")
        .contains("\"cycles\":500");
  }

  @Test
  void shouldAnswer422WithThePathOfEveryProblem() throws Exception {
    String plan =
        """
        campaign: bad
        product: { partNumber: P1 }
        modules: [{ serial: M01 }]
        legs:
          - id: dh
            preset: gr468-damp-heat
            chamber: chamber-1
            samples: [M01, M02]
            readPoints: { unit: HOURS, at: [168, 5000] }
        """;

    HttpResponse<String> response = post("/api/plans/validation", plan);

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body())
        .contains("legs[0].samples[1]")
        .contains("'M02' is not among the plan's modules")
        .contains("legs[0].readPoints.at[1]")
        .contains("legs[0].acceptance.sampleSize");
  }

  @Test
  void shouldListThePresetsWithTheirSources() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri("/api/plans/presets"))
                .header("Authorization", ADMIN)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("gr468-temperature-cycling").contains("GR-468-CORE");
  }

  private HttpResponse<String> post(String path, String yaml)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri(path))
            .header("Authorization", ADMIN)
            .header("Content-Type", "application/yaml")
            .POST(HttpRequest.BodyPublishers.ofString(yaml))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }
}
