package io.stressflow.workflows.plan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The presets lab staff start from: leg templates under {@code plan/presets/*.yaml} on the
 * classpath, each citing its standard, edition and confidence. A preset's name is its file name.
 */
public final class PresetLibrary {

  static final String LOCATION = "classpath*:plan/presets/*.yaml";

  private PresetLibrary() {}

  /**
   * Loads every preset.
   *
   * @return presets by name, sorted.
   * @throws PlanException if a shipped preset does not parse (a build defect).
   */
  public static Map<String, Leg> load() {
    Map<String, Leg> presets = new TreeMap<>();
    try {
      for (Resource r : new PathMatchingResourcePatternResolver().getResources(LOCATION)) {
        String name = r.getFilename().replaceFirst("\\.yaml$", "");
        try (InputStream in = r.getInputStream()) {
          presets.put(
              name, PlanReader.readPreset(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (PlanException e) {
          throw new IllegalStateException(
              "Expected preset '" + name + "' to parse, but: " + e.getMessage(), e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return presets;
  }
}
