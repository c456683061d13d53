package io.stressflow.engine.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Maps a method and a path from {@link V2Paths} (with {@code {key}} parameters) to endpoints. */
final class Router {
  private final List<Route> routes = new ArrayList<>();

  /**
   * A route.
   *
   * @param method the HTTP method.
   * @param template the path template.
   * @param pattern the compiled template.
   * @param endpoint the endpoint.
   */
  record Route(String method, String template, Pattern pattern, Endpoint endpoint) {}

  /**
   * A matched route.
   *
   * @param endpoint the endpoint.
   * @param parameters the path parameters.
   */
  record Match(Endpoint endpoint, Map<String, String> parameters) {}

  void add(final String method, final String template, final Endpoint endpoint) {
    if (!V2Paths.ALL.contains(template)) {
      throw new IllegalArgumentException(
          "Expected a path from V2Paths, but was '%s'".formatted(template));
    }
    final String regex = template.replaceAll("\\{(\\w+)}", "(?<$1>[^/]+)");
    routes.add(
        new Route(
            method,
            template,
            Pattern.compile(regex),
            RequestSchema.checked(method, template, endpoint)));
  }

  Optional<Match> match(final String method, final String path) {
    for (final Route route : routes) {
      final Matcher matcher = route.pattern().matcher(path);
      if (route.method().equals(method) && matcher.matches()) {
        final Map<String, String> parameters = new LinkedHashMap<>();
        if (route.template().contains("{key}")) {
          parameters.put("key", matcher.group("key"));
        }
        return Optional.of(new Match(route.endpoint(), parameters));
      }
    }
    return Optional.empty();
  }

  boolean knowsPath(final String path) {
    return routes.stream().anyMatch(r -> r.pattern().matcher(path).matches());
  }
}
