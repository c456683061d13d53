package io.stressflow.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.stressflow.workflows.campaign.Campaign;
import io.stressflow.workflows.campaign.CampaignEvent;
import io.stressflow.workflows.campaign.CampaignService;
import io.stressflow.workflows.chamber.ChamberTelemetry;
import io.stressflow.workflows.chamber.TelemetryRepository;
import io.stressflow.workflows.chamber.TelemetryRepository.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The walking skeleton end to end on real parts: the app deploys bpmn/campaign.bpmn through the
 * real Camunda client to the embedded engine over loopback HTTP, its job workers drive the
 * simulated chamber over loopback Modbus TCP, and telemetry lands in the H2 file database.
 */
class CampaignSkeletonIT extends ApplicationIT {

  @Autowired CampaignService campaigns;
  @Autowired CamundaClient client;
  @Autowired TelemetryRepository telemetry;
  @Autowired ChamberTelemetry chamber;

  @Test
  void shouldRampSoakAndReturnThenCompleteTheInstance() throws Exception {
    // given
    Instant start = Instant.now();

    // when
    Campaign launched = campaigns.launch(Map.of());
    Campaign ended = campaigns.awaitEnd(launched.id(), Duration.ofMinutes(2));

    // then the instance completed, as the engine reports it to the real client
    assertThat(ended.state()).isEqualTo("COMPLETED");
    assertThat(
            client
                .newProcessInstanceGetRequest(launched.processInstanceKey())
                .send()
                .join()
                .getState())
        .isEqualTo(ProcessInstanceState.COMPLETED);

    // and the chamber's history went 23 -> 40 -> 23 °C, in that order
    List<Sample> history = telemetry.history(chamber.chamberId(), start, Instant.now());
    assertThat(history).hasSizeGreaterThan(20);
    assertThat(history.get(0).airTemperature())
        .isCloseTo(23.0, org.assertj.core.data.Offset.offset(1.0));
    int hottest = indexOfMax(history);
    assertThat(history.get(hottest).airTemperature()).isBetween(39.5, 40.6);
    assertThat(history.get(hottest).airSetpoint()).isEqualTo(40.0);
    Sample last = history.get(history.size() - 1);
    assertThat(last.airSetpoint()).isEqualTo(23.0);
    assertThat(last.airTemperature()).isBetween(22.5, 23.5);
    assertThat(hottest).isStrictlyBetween(0, history.size() - 1);

    // and the logbook tells the story in order
    List<String> kinds = campaigns.events(launched.id()).stream().map(CampaignEvent::kind).toList();
    assertThat(kinds)
        .containsSubsequence(
            "LAUNCHED",
            "SETPOINT_WRITTEN",
            "SETPOINT_REACHED",
            "SOAK_STARTED",
            "SOAK_COMPLETED",
            "SETPOINT_WRITTEN",
            "SETPOINT_REACHED",
            "COMPLETED");
  }

  private static int indexOfMax(List<Sample> history) {
    int best = 0;
    for (int i = 1; i < history.size(); i++) {
      if (history.get(i).airTemperature() > history.get(best).airTemperature()) {
        best = i;
      }
    }
    return best;
  }
}
