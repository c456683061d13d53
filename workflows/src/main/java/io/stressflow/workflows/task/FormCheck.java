package io.stressflow.workflows.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks submitted data against a Camunda form (schema JSON): every field the form marks required
 * is present (a required checkbox is ticked), radio and select values are among the offered ones,
 * numbers are numbers within their bounds, text fits its length and pattern, and there is no field
 * the form does not have (a misspelt key would otherwise pass silently and leave the real field
 * unset). Pure: form and data in, problems out.
 */
public final class FormCheck {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> LAYOUT =
      Set.of("text", "html", "spacer", "separator", "image", "button", "iframe", "table");

  private final String formId;
  private final Map<String, JsonNode> fields;

  private FormCheck(String formId, Map<String, JsonNode> fields) {
    this.formId = formId;
    this.fields = fields;
  }

  /**
   * Reads a form.
   *
   * @param schema the form's JSON.
   * @return the check.
   */
  public static FormCheck of(String schema) {
    JsonNode root;
    try {
      root = JSON.readTree(schema);
    } catch (IOException e) {
      throw new UncheckedIOException("The task's form is not JSON: " + e.getMessage(), e);
    }
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    collect(root.path("components"), fields);
    return new FormCheck(root.path("id").asText(""), fields);
  }

  private static void collect(JsonNode components, Map<String, JsonNode> fields) {
    for (JsonNode c : components) {
      if (c.has("components")) {
        collect(c.path("components"), fields);
      }
      String type = c.path("type").asText();
      if (c.hasNonNull("key") && !LAYOUT.contains(type)) {
        fields.put(c.path("key").asText(), c);
      }
    }
  }

  /** The form's field keys, in form order. */
  public Set<String> keys() {
    return fields.keySet();
  }

  /**
   * Checks data.
   *
   * @param data the submitted variables.
   * @return every problem; empty when the data fits.
   */
  public List<FieldProblem> check(Map<String, Object> data) {
    List<FieldProblem> problems = new ArrayList<>();
    for (String key : data.keySet()) {
      if (!fields.containsKey(key)) {
        problems.add(
            new FieldProblem(
                key,
                "is not a field of form '%s' (its fields: %s)"
                    .formatted(formId, String.join(", ", fields.keySet()))));
      }
    }
    for (Map.Entry<String, JsonNode> f : fields.entrySet()) {
      String key = f.getKey();
      JsonNode c = f.getValue();
      Object value = data.get(key);
      String type = c.path("type").asText();
      JsonNode validate = c.path("validate");
      boolean required = validate.path("required").asBoolean(false);
      if (value == null || (value instanceof String s && s.isBlank())) {
        if (required) {
          problems.add(new FieldProblem(key, "is required (" + label(c) + ")"));
        }
        continue;
      }
      switch (type) {
        case "checkbox" -> {
          if (!(value instanceof Boolean b)) {
            problems.add(new FieldProblem(key, "must be true or false, not '" + value + "'"));
          } else if (required && !b) {
            problems.add(new FieldProblem(key, "must be ticked (" + label(c) + ")"));
          }
        }
        case "radio", "select" -> {
          List<String> offered = offered(c);
          if (!offered.isEmpty() && !offered.contains(value.toString())) {
            problems.add(
                new FieldProblem(
                    key, "'%s' is not one of %s".formatted(value, String.join(", ", offered))));
          }
        }
        case "checklist", "taglist" -> {
          List<String> offered = offered(c);
          if (!(value instanceof List<?> list)) {
            problems.add(new FieldProblem(key, "must be a list of " + offered));
          } else if (!offered.isEmpty()) {
            for (Object v : list) {
              if (!offered.contains(String.valueOf(v))) {
                problems.add(
                    new FieldProblem(
                        key, "'%s' is not one of %s".formatted(v, String.join(", ", offered))));
              }
            }
          }
        }
        case "number" -> {
          Double n = number(value);
          if (n == null) {
            problems.add(new FieldProblem(key, "must be a number, not '" + value + "'"));
          } else {
            if (validate.has("min") && n < validate.path("min").asDouble()) {
              problems.add(
                  new FieldProblem(key, "must be at least " + validate.path("min").asText()));
            }
            if (validate.has("max") && n > validate.path("max").asDouble()) {
              problems.add(
                  new FieldProblem(key, "must be at most " + validate.path("max").asText()));
            }
          }
        }
        default -> {
          String text = value.toString();
          if (validate.has("minLength") && text.length() < validate.path("minLength").asInt()) {
            problems.add(
                new FieldProblem(
                    key,
                    "must be at least %d characters"
                        .formatted(validate.path("minLength").asInt())));
          }
          if (validate.has("maxLength") && text.length() > validate.path("maxLength").asInt()) {
            problems.add(
                new FieldProblem(
                    key,
                    "must be at most %d characters".formatted(validate.path("maxLength").asInt())));
          }
          if (validate.has("pattern") && !text.matches(validate.path("pattern").asText())) {
            problems.add(
                new FieldProblem(
                    key, "must match the pattern " + validate.path("pattern").asText()));
          }
        }
      }
    }
    return problems;
  }

  private static String label(JsonNode c) {
    return c.path("label").asText(c.path("key").asText());
  }

  private static List<String> offered(JsonNode c) {
    List<String> values = new ArrayList<>();
    for (JsonNode v : c.path("values")) {
      values.add(v.path("value").asText());
    }
    return values;
  }

  private static Double number(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(value.toString().trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return formId + fields.keySet().stream().collect(Collectors.joining(", ", "[", "]"));
  }
}
