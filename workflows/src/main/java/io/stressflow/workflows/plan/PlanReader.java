package io.stressflow.workflows.plan;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads plan and preset YAML into records, with errors that name the field path and line, and
 * applies presets to the legs that name one.
 */
public final class PlanReader {

  private static final YAMLMapper YAML =
      YAMLMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
          .build();

  private static final Set<String> KINDS = Set.of("ramp", "soak", "humidity", "repeat");

  private PlanReader() {}

  /**
   * Parses a plan and applies its legs' presets.
   *
   * @param yaml the plan text.
   * @param presets the preset library.
   * @return the plan with presets applied.
   * @throws PlanException if the text is not a plan or names an unknown preset.
   */
  public static CampaignPlan read(String yaml, Map<String, Leg> presets) {
    CampaignPlan plan = parse(yaml, CampaignPlan.class);
    List<PlanProblem> problems = new ArrayList<>();
    List<Leg> legs = new ArrayList<>();
    for (int i = 0; i < plan.legs().size(); i++) {
      Leg leg = plan.legs().get(i);
      if (leg.preset() == null) {
        legs.add(leg);
      } else if (!presets.containsKey(leg.preset())) {
        problems.add(
            new PlanProblem(
                "legs[" + i + "].preset",
                "unknown preset '"
                    + leg.preset()
                    + "'; known: "
                    + presets.keySet().stream().sorted().toList()));
        legs.add(leg);
      } else {
        legs.add(leg.withDefaults(presets.get(leg.preset())));
      }
    }
    if (!problems.isEmpty()) {
      throw new PlanException(problems);
    }
    return new CampaignPlan(plan.campaign(), plan.product(), plan.lots(), plan.modules(), legs);
  }

  /**
   * Parses one preset (a leg template).
   *
   * @param yaml the preset text.
   * @return the leg template.
   */
  static Leg readPreset(String yaml) {
    return parse(yaml, Leg.class);
  }

  private static <T> T parse(String yaml, Class<T> type) {
    try {
      T value = YAML.readValue(yaml, type);
      if (value == null) {
        throw new PlanException(List.of(new PlanProblem("(document)", "the plan is empty")));
      }
      return value;
    } catch (JsonMappingException e) {
      throw new PlanException(List.of(new PlanProblem(path(e, tree(yaml)), describe(e))));
    } catch (JsonProcessingException e) {
      throw new PlanException(
          List.of(
              new PlanProblem(
                  "(document)",
                  "not valid YAML" + where(e.getLocation()) + ": " + e.getOriginalMessage())));
    }
  }

  /**
   * The field path of a mapping error, e.g. {@code legs[0].profile.segments[2].ramp.to}. Jackson
   * leaves out the name of a segment's kind (its wrapper key), so the path is walked through the
   * document tree and the kind put back where a one-key object stands.
   */
  static String path(JsonMappingException e, JsonNode root) {
    StringBuilder path = new StringBuilder();
    JsonNode node = root;
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(ref.getFieldName());
        node = node == null ? null : node.get(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
        node = node == null ? null : node.get(ref.getIndex());
        if (node != null && node.isObject() && node.size() == 1) {
          String kind = node.fieldNames().next();
          if (KINDS.contains(kind)) {
            path.append('.').append(kind);
            node = node.get(kind);
          }
        }
      }
    }
    return path.length() == 0 ? "(document)" : path.toString();
  }

  private static JsonNode tree(String yaml) {
    try {
      return YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static String describe(JsonMappingException e) {
    if (e instanceof UnrecognizedPropertyException u) {
      return "unknown field '%s'%s; known fields: %s"
          .formatted(u.getPropertyName(), where(e.getLocation()), u.getKnownPropertyIds());
    }
    String message = e.getOriginalMessage();
    if (message.contains("Could not resolve type id")) {
      return "unknown segment kind%s; a segment is one of ramp, soak, humidity, repeat"
          .formatted(where(e.getLocation()));
    }
    // Jackson's messages name Java types; keep the first sentence, which says what was wrong
    int cut = message.indexOf('\n');
    return (cut > 0 ? message.substring(0, cut) : message) + where(e.getLocation());
  }

  private static String where(JsonLocation location) {
    return location == null || location.getLineNr() < 1
        ? ""
        : " (line " + location.getLineNr() + ")";
  }
}
