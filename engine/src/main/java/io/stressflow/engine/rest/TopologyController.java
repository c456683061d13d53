package io.stressflow.engine.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** GET /v2/topology (one broker, one partition, always healthy) and GET /v2/status (204). */
final class TopologyController {
  static final String VERSION = "8.9.0";

  void register(final Router router) {
    router.add("GET", V2Paths.TOPOLOGY, this::topology);
    router.add("GET", V2Paths.STATUS, RestExchange::noContent);
  }

  private void topology(final RestExchange exchange) {
    final ObjectNode body = Json.object();
    final ObjectNode broker = body.putArray("brokers").addObject();
    broker.put("nodeId", 0);
    broker.put("host", "127.0.0.1");
    broker.put("port", 26501);
    broker.put("version", VERSION);
    final ObjectNode partition = broker.putArray("partitions").addObject();
    partition.put("partitionId", 1);
    partition.put("role", "leader");
    partition.put("health", "healthy");
    body.put("clusterSize", 1);
    body.put("partitionsCount", 1);
    body.put("replicationFactor", 1);
    body.put("gatewayVersion", VERSION);
    body.put("lastCompletedChangeId", "-1");
    body.put("clusterId", "stressflow-embedded");
    exchange.ok(body);
  }
}
