package io.stressflow.workflows.plan;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads plan and preset YAML into records, with errors that name the field path and line, and
 * applies presets to the legs that name one.
 */
public final class PlanReader {

  /**
   * Parses plans of at most {@link PlanBounds#MAX_PLAN_BYTES}: SnakeYAML's code-point limit and
   * Jackson's string limit are set to it, so nothing larger is even scanned.
   */
  private static final YAMLMapper YAML =
      YAMLMapper.builder(
              YAMLFactory.builder()
                  .loaderOptions(loaderOptions())
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxStringLength(PlanBounds.MAX_PLAN_BYTES)
                          .maxDocumentLength(PlanBounds.MAX_PLAN_BYTES)
                          .maxNestingDepth(100)
                          .build())
                  .build())
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
    return new CampaignPlan(
        plan.campaign(), plan.product(), plan.lots(), plan.modules(), legs, plan.useCondition());
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

  private static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(PlanBounds.MAX_PLAN_BYTES);
    return options;
  }

  private static <T> T parse(String yaml, Class<T> type) {
    int bytes = utf8Length(yaml);
    if (bytes > PlanBounds.MAX_PLAN_BYTES) {
      throw new PlanException(
          List.of(
              new PlanProblem(
                  "(document)",
                  "a plan may be at most 1 MiB (%,d bytes), but this one has %,d bytes"
                      .formatted(PlanBounds.MAX_PLAN_BYTES, bytes))));
    }
    String run = longRun(yaml);
    if (run != null) {
      throw new PlanException(List.of(new PlanProblem("(document)", run)));
    }
    try (JsonParser parser = YAML.createParser(yaml)) {
      T value = YAML.readValue(parser, type);
      if (value == null) {
        throw new PlanException(List.of(new PlanProblem("(document)", "the plan is empty")));
      }
      if (parser.nextToken() != null) {
        throw new PlanException(
            List.of(
                new PlanProblem(
                    "(document)",
                    "a plan is one YAML document, but another one starts%s; remove the '---' and"
                            .formatted(where(parser.currentLocation()))
                        + " what follows it")));
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
    } catch (IOException e) {
      throw new UncheckedIOException("Expected to read a plan from memory, but: " + e, e);
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

  /**
   * Longest run of characters without a space or line break (or of spaces) the reader accepts: 32
   * KiB. SnakeYAML looks ahead over such a run with a window it copies as it grows, so one run
   * costs time in the square of its length (the 20 MB quoted title kept a core busy for 129
   * s); no plan field is longer than a few thousand characters.
   */
  static final int MAX_RUN = 32 * 1024;

  /** Says where the text has a run longer than {@link #MAX_RUN}, or null when it has none. */
  static String longRun(String text) {
    int line = 1;
    int run = 0;
    boolean blank = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        line += c == '\n' ? 1 : 0;
        run = 0;
        continue;
      }
      boolean b = c == ' ' || c == '\t';
      run = b == blank ? run + 1 : 1;
      blank = b;
      if (run > MAX_RUN) {
        return ("line %d has more than %,d %s in a row; no field of a plan is that long:"
                + " break it up")
            .formatted(line, MAX_RUN, blank ? "spaces" : "characters without a space");
      }
    }
    return null;
  }

  /** The text's length in UTF-8, counted without encoding it. */
  static int utf8Length(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return (int) Math.min(bytes, Integer.MAX_VALUE);
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
