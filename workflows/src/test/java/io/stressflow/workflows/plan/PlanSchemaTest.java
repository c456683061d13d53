package io.stressflow.workflows.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The published plan schema names exactly the fields the reader accepts, so docs cannot drift. */
class PlanSchemaTest {

  static final JsonNode SCHEMA = load();

  @Test
  void shouldNameExactlyTheFieldsOfEveryPlanRecord() {
    assertFields(SCHEMA, CampaignPlan.class);
    assertFields(SCHEMA.at("/properties/product"), CampaignPlan.Product.class);
    assertFields(SCHEMA.at("/properties/lots/items"), CampaignPlan.Lot.class);
    assertFields(SCHEMA.at("/properties/modules/items"), CampaignPlan.Module.class);
    assertFields(SCHEMA.at("/properties/useCondition"), UseCondition.class);
    JsonNode leg = SCHEMA.at("/$defs/leg");
    assertFields(leg, Leg.class);
    assertFields(leg.at("/properties/readPoints"), Leg.ReadPoints.class);
    assertFields(leg.at("/properties/failureCriteria"), Leg.FailureCriteria.class);
    assertFields(leg.at("/properties/acceptance"), Leg.Acceptance.class);
    assertFields(leg.at("/properties/source"), Source.class);
    assertFields(leg.at("/properties/external"), External.class);
    assertFields(SCHEMA.at("/$defs/profile"), Leg.Profile.class);
    JsonNode segments = SCHEMA.at("/$defs/segment/oneOf");
    assertFields(segments.get(0).at("/properties/ramp"), Segment.Ramp.class);
    assertFields(segments.get(1).at("/properties/soak"), Segment.Soak.class);
    assertFields(segments.get(1).at("/properties/soak/properties/band"), Segment.Band.class);
    assertFields(segments.get(2).at("/properties/humidity"), Segment.Humidity.class);
    assertFields(segments.get(3).at("/properties/repeat"), Segment.Repeat.class);
  }

  private static void assertFields(JsonNode node, Class<? extends Record> type) {
    Set<String> schema = new HashSet<>();
    node.get("properties").fieldNames().forEachRemaining(schema::add);
    Set<String> record = new HashSet<>();
    Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).forEach(record::add);
    assertThat(schema).as(type.getSimpleName()).isEqualTo(record);
  }

  private static JsonNode load() {
    try (InputStream in =
        PlanSchemaTest.class.getResourceAsStream("/plan/campaign-plan.schema.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
