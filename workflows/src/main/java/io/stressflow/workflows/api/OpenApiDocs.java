package io.stressflow.workflows.api;

import io.stressflow.workflows.StressflowApplication;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API's OpenAPI description ({@code /v3/api-docs}): its title, version and description, the two
 * ways to authenticate (HTTP Basic, a bearer token), and for every operation the error answers it
 * can give, each a {@code Problem} (problem+json): 401 and 403 always, 404 with a path parameter,
 * 400 with parameters or a body, 413/415/422 with a body.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiDocs {

  static final String PROBLEM = "Problem";

  /** What each error status means, as the operations' responses say it. */
  static final Map<String, String> ERRORS =
      Map.of(
          "400", "A parameter or the body cannot be read; 'problems' names the field",
          "401", "Not authenticated: HTTP Basic, a CLI login token or an OIDC access token",
          "403", "Your roles (or the task's assignee, or the signature) do not allow it",
          "404", "No such resource",
          "409", "The resource's state does not allow it",
          "413", "The body is larger than stressflow.api.max-body-size",
          "415", "The body's media type is not one this call takes",
          "422", "A field's value is not acceptable; 'problems' names each field",
          "500", "Unexpected error; the detail names the request id to look up in the log");

  @Bean
  OpenAPI stressflowOpenApi() {
    String version = StressflowApplication.class.getPackage().getImplementationVersion();
    return new OpenAPI()
        .info(
            new Info()
                .title("Stressflow API")
                .version(version == null ? "development build" : version)
                .description(
                    "Plan, launch and follow environmental stress-test campaigns of optical"
                        + " transceiver modules in climatic chambers; work their user tasks;"
                        + " register lots and modules; read chamber telemetry. Every call needs"
                        + " a user (HTTP Basic, a CLI login token from POST /api/auth/token, or"
                        + " an OIDC access token). Every error is application/problem+json: a"
                        + " stable 'title' code, a 'detail' sentence naming the field or"
                        + " resource, the 'requestId' to quote, and for field errors a"
                        + " 'problems' list.")
                .license(new License().name("See the repository")))
        .components(
            new Components()
                .addSecuritySchemes(
                    "basicAuth",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("basic")
                        .description("A local user's name and password"))
                .addSecuritySchemes(
                    "bearerAuth",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description(
                            "A CLI login token (POST /api/auth/token) or, with"
                                + " stressflow.security.mode=oidc, the identity provider's JWT")))
        .addSecurityItem(new SecurityRequirement().addList("basicAuth"))
        .addSecurityItem(new SecurityRequirement().addList("bearerAuth"));
  }

  /** Adds each operation's error answers, all of them {@code Problem}s. */
  @Bean
  OpenApiCustomizer problemResponses() {
    return openApi -> {
      // here, not on the bean: springdoc computes the schemas anew from the controllers
      if (openApi.getComponents() == null) {
        openApi.setComponents(new Components());
      }
      openApi.getComponents().addSchemas(PROBLEM, problemSchema());
      if (openApi.getPaths() == null) {
        return;
      }
      openApi
          .getPaths()
          .forEach(
              (path, item) ->
                  item.readOperationsMap()
                      .forEach((method, operation) -> document(path, method, operation)));
    };
  }

  private static void document(String path, PathItem.HttpMethod method, Operation operation) {
    ApiResponses responses = operation.getResponses();
    if (responses == null) {
      responses = new ApiResponses();
      operation.setResponses(responses);
    }
    List<Parameter> parameters =
        operation.getParameters() == null ? List.of() : operation.getParameters();
    boolean pathParameter = path.contains("{");
    boolean body = operation.getRequestBody() != null;
    for (String status : List.of("401", "403", "500")) {
      add(responses, status);
    }
    if (pathParameter) {
      add(responses, "404");
    }
    if (!parameters.isEmpty() || body) {
      add(responses, "400");
    }
    if (method != PathItem.HttpMethod.GET) {
      add(responses, "409");
    }
    if (body) {
      add(responses, "413");
      add(responses, "415");
      add(responses, "422");
    }
    // every error answer, also those an operation declares itself, is a Problem
    responses.forEach(
        (status, response) -> {
          if (status.startsWith("4") || status.startsWith("5")) {
            response.setContent(problemContent());
            if (response.getDescription() == null || response.getDescription().isBlank()) {
              response.setDescription(ERRORS.getOrDefault(status, "Refused"));
            }
          }
        });
  }

  private static void add(ApiResponses responses, String status) {
    if (!responses.containsKey(status)) {
      responses.addApiResponse(status, new ApiResponse().description(ERRORS.get(status)));
    }
  }

  private static Content problemContent() {
    return new Content()
        .addMediaType(
            "application/problem+json",
            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
  }

  @SuppressWarnings("rawtypes")
  private static Schema problemSchema() {
    Map<String, Schema> item = new LinkedHashMap<>();
    item.put("field", new StringSchema().description("a body field or a parameter"));
    item.put("path", new StringSchema().description("a plan's field path, e.g. legs[0].id"));
    item.put("message", new StringSchema());
    Map<String, Schema> properties = new LinkedHashMap<>();
    properties.put("type", new StringSchema().example("about:blank"));
    properties.put(
        "title", new StringSchema().description("a stable code").example("INVALID_FIELD"));
    properties.put("status", new IntegerSchema().example(422));
    properties.put(
        "detail",
        new StringSchema()
            .description("for people; names the field, parameter or resource")
            .example("reason: is required"));
    properties.put("instance", new StringSchema().description("the path asked for"));
    properties.put(
        "requestId", new StringSchema().description("the correlation id (X-Request-Id)"));
    properties.put("problems", new ArraySchema().items(new ObjectSchema().properties(item)));
    return new ObjectSchema()
        .description("An error, RFC 9457 problem details")
        .properties(properties)
        .required(List.of("title", "status", "detail"));
  }
}
