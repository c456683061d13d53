package io.stressflow.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.Topology;
import io.stressflow.engine.test.EngineTestBase;
import org.junit.jupiter.api.Test;

class TopologyIT extends EngineTestBase {

  @Test
  void shouldReportOneHealthyBroker() {
    final Topology topology = client.newTopologyRequest().send().join();
    assertThat(topology.getClusterSize()).isEqualTo(1);
    assertThat(topology.getPartitionsCount()).isEqualTo(1);
    assertThat(topology.getBrokers()).hasSize(1);
    assertThat(topology.getBrokers().get(0).getPartitions().get(0).isLeader()).isTrue();
  }

  @Test
  void shouldReportStatusUp() {
    assertThat(client.newStatusRequest().send().join().getStatus().name()).isEqualTo("UP");
  }
}
