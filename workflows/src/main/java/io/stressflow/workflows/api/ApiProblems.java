package io.stressflow.workflows.api;

import io.stressflow.workflows.campaign.CampaignConflictException;
import io.stressflow.workflows.campaign.InvalidFieldException;
import io.stressflow.workflows.campaign.PlanRejectedException;
import io.stressflow.workflows.campaign.WorkflowEngineUnavailableException;
import io.stressflow.workflows.security.RequestIds;
import io.stressflow.workflows.security.SignatureRejectedException;
import io.stressflow.workflows.task.TaskCompletionRejectedException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every API error as {@code application/problem+json} (RFC 9457): {@code title} a stable code,
 * {@code detail} a sentence for people that names the field, the parameter or the resource, {@code
 * requestId} the request's correlation id, and for field errors a {@code problems} list of {@code
 * {path|field, message}}. Spring MVC's own refusals (405, 406, 415, a bad path or query parameter,
 * a body that cannot be read) are told in the same words. A detail never quotes an exception, a
 * class, a package or SQL: such a text is logged here with the request id and the answer names the
 * id (an exception no handler knows is a 500 logged with its trace). A refusal by role, assignee or
 * signature is a 403.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

  /** What must never reach a client: package or class names, exceptions, SQL. */
  private static final Pattern LEAK =
      Pattern.compile(
          "\\b(?:io\\.stressflow|java|javax|jakarta|org|com|tools|sun)\\.[a-z]"
              + "|Exception|SQL|\\bat \\[Source|\\$[A-Z]|\\b[A-Z][A-Za-z]+\\.[a-z]+\\(");

  /** {@code field: problem}, a field being a name or a dotted path. */
  private static final Pattern FIELD_MESSAGE =
      Pattern.compile("([A-Za-z][A-Za-z0-9_]*(?:[.\\[][A-Za-z0-9_\\]]+)*): (.+)", Pattern.DOTALL);

  /** H2's "Value too long for column "PART_NUMBER CHARACTER VARYING(64)"". */
  private static final Pattern TOO_LONG =
      Pattern.compile("Value too long for column \"([A-Z_0-9]+) [^\"(]*\\((\\d+)\\)");

  @ExceptionHandler(PlanRejectedException.class)
  ProblemDetail planRejected(PlanRejectedException e) {
    ProblemDetail p = problem(HttpStatus.UNPROCESSABLE_ENTITY, "PLAN_INVALID", e.getMessage());
    p.setProperty("problems", e.report().problems());
    p.setProperty("legs", e.report().legs());
    return p;
  }

  @ExceptionHandler(TaskCompletionRejectedException.class)
  ProblemDetail taskRejected(TaskCompletionRejectedException e) {
    ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "INVALID_FORM_DATA", e.getMessage());
    p.setProperty("problems", e.problems());
    return p;
  }

  @ExceptionHandler(NoSuchElementException.class)
  ProblemDetail notFound(NoSuchElementException e) {
    return problem(HttpStatus.NOT_FOUND, "NOT_FOUND", e.getMessage());
  }

  @ExceptionHandler({CampaignConflictException.class, IllegalStateException.class})
  ProblemDetail conflict(RuntimeException e) {
    return problem(HttpStatus.CONFLICT, "INVALID_STATE", e.getMessage());
  }

  @ExceptionHandler(WorkflowEngineUnavailableException.class)
  ProblemDetail engineUnavailable(WorkflowEngineUnavailableException e) {
    log.warn("{}", e.getMessage());
    return problem(HttpStatus.SERVICE_UNAVAILABLE, "ENGINE_UNAVAILABLE", e.getMessage());
  }

  /** A field of a well-formed body whose value is not acceptable: 422 naming the field. */
  @ExceptionHandler(InvalidFieldException.class)
  ProblemDetail invalidField(InvalidFieldException e) {
    return fieldProblem(e.field(), e.problem());
  }

  static ProblemDetail fieldProblem(String field, String message) {
    ProblemDetail p =
        problem(HttpStatus.UNPROCESSABLE_ENTITY, "INVALID_FIELD", field + ": " + message);
    p.setProperty("problems", List.of(Map.of("field", field, "message", message)));
    return p;
  }

  @ExceptionHandler(InvalidParameterException.class)
  ProblemDetail invalidParameter(InvalidParameterException e) {
    return parameterProblem(e.parameter(), e.problem());
  }

  /**
   * A refused argument. One told as {@code field: problem} (the services' convention, e.g. {@code
   * roles: 'x' is not one of [...]}) is a body field's value: 422 naming the field.
   */
  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail badRequest(IllegalArgumentException e) {
    Matcher field = FIELD_MESSAGE.matcher(String.valueOf(e.getMessage()));
    if (field.matches() && !leaks(e.getMessage())) {
      return fieldProblem(field.group(1), field.group(2));
    }
    return problem(HttpStatus.BAD_REQUEST, "INVALID_ARGUMENT", e.getMessage());
  }

  @ExceptionHandler(AccessDeniedException.class)
  ProblemDetail forbidden(AccessDeniedException e) {
    return problem(HttpStatus.FORBIDDEN, "FORBIDDEN", e.getMessage());
  }

  @ExceptionHandler(SignatureRejectedException.class)
  ProblemDetail signatureRejected(SignatureRejectedException e) {
    return problem(HttpStatus.FORBIDDEN, "SIGNATURE_REJECTED", e.getMessage());
  }

  /**
   * The database refused a write. A text longer than its column (a field no check knew the limit
   * of) is a 422 naming the field and its limit; anything else is unexpected.
   */
  @ExceptionHandler(DataAccessException.class)
  ProblemDetail database(DataAccessException e) {
    Matcher m = TOO_LONG.matcher(String.valueOf(e.getMostSpecificCause().getMessage()));
    if (!m.find()) {
      return unexpected(e);
    }
    log.warn(
        "A write was refused as too long (request {}): {}",
        RequestIds.current(),
        e.getMostSpecificCause().getMessage());
    return fieldProblem(camel(m.group(1)), "must be at most %s characters".formatted(m.group(2)));
  }

  @ExceptionHandler(RuntimeException.class)
  ProblemDetail unexpected(RuntimeException e) {
    String id = RequestIds.current();
    log.error("Unexpected error in the REST API (request {})", id, e);
    return problem(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "INTERNAL",
        "Unexpected error; the server's log has the details under request id " + id);
  }

  /** Spring MVC's own refusals, told in our words. */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    HttpServletRequest http =
        request instanceof NativeWebRequest n ? n.getNativeRequest(HttpServletRequest.class) : null;
    ProblemDetail p = describe(ex, status, http);
    HttpHeaders out = new HttpHeaders();
    if (headers != null) {
      out.putAll(headers);
    }
    out.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    return ResponseEntity.status(p.getStatus()).headers(out).body(p);
  }

  private static ProblemDetail describe(
      Exception ex, HttpStatusCode status, HttpServletRequest request) {
    String call =
        request == null ? "this call" : request.getMethod() + " " + request.getRequestURI();
    if (ex instanceof TypeMismatchException t) {
      String name =
          t instanceof MethodArgumentTypeMismatchException m ? m.getName() : t.getPropertyName();
      return parameterProblem(
          name, "'%s' is not %s".formatted(shown(t.getValue()), Expected.of(t.getRequiredType())));
    }
    if (ex instanceof MissingServletRequestParameterException m) {
      return parameterProblem(m.getParameterName(), "is required");
    }
    if (ex instanceof HttpRequestMethodNotSupportedException m) {
      return problem(
          HttpStatus.METHOD_NOT_ALLOWED,
          "METHOD_NOT_ALLOWED",
          "%s does not take %s; it takes %s"
              .formatted(
                  request == null ? "This address" : request.getRequestURI(),
                  m.getMethod(),
                  String.join(
                      ", ",
                      m.getSupportedMethods() == null ? new String[0] : m.getSupportedMethods())));
    }
    if (ex instanceof HttpMediaTypeNotSupportedException m) {
      return unsupportedMediaType(
          call,
          m.getContentType() == null
              ? null
              : m.getContentType().getType() + "/" + m.getContentType().getSubtype(),
          concrete(m.getSupportedMediaTypes()));
    }
    if (ex instanceof HttpMediaTypeNotAcceptableException m) {
      return problem(
          HttpStatus.NOT_ACCEPTABLE,
          "NOT_ACCEPTABLE",
          "%s answers %s, which the Accept header does not allow"
              .formatted(call, concrete(m.getSupportedMediaTypes())));
    }
    if (ex instanceof NoResourceFoundException) {
      return problem(
          HttpStatus.NOT_FOUND,
          "NOT_FOUND",
          "There is no %s; the API is described at /v3/api-docs".formatted(call));
    }
    if (ex instanceof HttpMessageNotReadableException m) {
      return unreadable(m);
    }
    if (ex instanceof MaxUploadSizeExceededException) {
      return problem(
          HttpStatus.PAYLOAD_TOO_LARGE, "PAYLOAD_TOO_LARGE", "The request body is too large");
    }
    if (ex instanceof MultipartException) {
      return unsupportedMediaType(call, "multipart/form-data", "application/json");
    }
    HttpStatus known = HttpStatus.resolve(status.value());
    String phrase = known == null ? "Refused" : known.getReasonPhrase();
    log.info(
        "{} answered {} (request {}): {}",
        call,
        status.value(),
        RequestIds.current(),
        ex.toString());
    return problem(status, code(phrase), phrase + " (" + call + ")");
  }

  static ProblemDetail unsupportedMediaType(String call, String given, String accepted) {
    return problem(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "UNSUPPORTED_MEDIA_TYPE",
        "%s does not take a body of type %s; send %s"
            .formatted(call, given == null ? "(none given)" : given, accepted));
  }

  /** 400 naming a path or query parameter. */
  static ProblemDetail parameterProblem(String name, String message) {
    ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "INVALID_ARGUMENT", name + ": " + message);
    p.setProperty("problems", List.of(Map.of("field", name, "message", message)));
    return p;
  }

  /** A body that is not JSON, not of the expected shape, or missing: 400, naming the field. */
  private static ProblemDetail unreadable(HttpMessageNotReadableException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof tools.jackson.databind.DatabindException d && !d.getPath().isEmpty()) {
        return bodyField(path3(d.getPath()), d);
      }
      if (t instanceof com.fasterxml.jackson.databind.JsonMappingException d
          && !d.getPath().isEmpty()) {
        return bodyField(path2(d.getPath()), d);
      }
      if (t instanceof tools.jackson.core.exc.StreamReadException s) {
        return notJson(
            s.getLocation() == null ? -1 : s.getLocation().getLineNr(),
            s.getLocation() == null ? -1 : s.getLocation().getColumnNr());
      }
      if (t instanceof com.fasterxml.jackson.core.JsonProcessingException s
          && !(s instanceof com.fasterxml.jackson.databind.JsonMappingException)) {
        return notJson(
            s.getLocation() == null ? -1 : s.getLocation().getLineNr(),
            s.getLocation() == null ? -1 : s.getLocation().getColumnNr());
      }
      if (t instanceof tools.jackson.databind.DatabindException
          || t instanceof com.fasterxml.jackson.databind.JsonMappingException) {
        return problem(
            HttpStatus.BAD_REQUEST,
            "INVALID_ARGUMENT",
            "The request body has the wrong shape: this call takes a JSON object"
                + " (see /v3/api-docs)");
      }
    }
    String message = String.valueOf(e.getMessage());
    if (message.startsWith("Required request body is missing")) {
      return problem(
          HttpStatus.BAD_REQUEST,
          "INVALID_ARGUMENT",
          "The request body is missing; this call needs one (see /v3/api-docs)");
    }
    log.info("An unreadable request body (request {}): {}", RequestIds.current(), message);
    return problem(HttpStatus.BAD_REQUEST, "INVALID_ARGUMENT", "The request body cannot be read");
  }

  private static ProblemDetail bodyField(String field, Exception e) {
    Class<?> type =
        e instanceof tools.jackson.databind.exc.MismatchedInputException m
            ? m.getTargetType()
            : e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m2
                ? m2.getTargetType()
                : null;
    String message = "must be " + Expected.of(type);
    ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "INVALID_ARGUMENT", field + ": " + message);
    p.setProperty("problems", List.of(Map.of("field", field, "message", message)));
    return p;
  }

  private static ProblemDetail notJson(int line, int column) {
    return problem(
        HttpStatus.BAD_REQUEST,
        "INVALID_ARGUMENT",
        line < 0
            ? "The request body is not valid JSON"
            : "The request body is not valid JSON (line %d, column %d)".formatted(line, column));
  }

  private static String path3(List<tools.jackson.databind.DatabindException.Reference> path) {
    StringBuilder b = new StringBuilder();
    for (var r : path) {
      append(b, r.getPropertyName(), r.getIndex());
    }
    return b.toString();
  }

  private static String path2(
      List<com.fasterxml.jackson.databind.JsonMappingException.Reference> path) {
    StringBuilder b = new StringBuilder();
    for (var r : path) {
      append(b, r.getFieldName(), r.getIndex());
    }
    return b.toString();
  }

  private static void append(StringBuilder b, String name, int index) {
    if (name != null) {
      b.append(b.isEmpty() ? "" : ".").append(name);
    } else if (index >= 0) {
      b.append('[').append(index).append(']');
    }
  }

  /** The media types a call takes or answers, without wildcards. */
  private static String concrete(List<MediaType> types) {
    List<String> names =
        types.stream()
            .filter(
                t -> !t.isWildcardType() && !t.isWildcardSubtype() && !t.getSubtype().contains("*"))
            .map(t -> t.getType() + "/" + t.getSubtype())
            .distinct()
            .toList();
    return names.isEmpty() ? "application/json" : String.join(" or ", names);
  }

  private static String shown(Object value) {
    String s = String.valueOf(value);
    return s.length() > 64 ? s.substring(0, 64) + "…" : s;
  }

  /** {@code PART_NUMBER} as {@code partNumber}. */
  static String camel(String column) {
    StringBuilder b = new StringBuilder();
    boolean up = false;
    for (char c : column.toLowerCase().toCharArray()) {
      if (c == '_') {
        up = true;
      } else {
        b.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return b.toString();
  }

  /** {@code Method Not Allowed} as {@code METHOD_NOT_ALLOWED}. */
  static String code(String phrase) {
    return phrase.toUpperCase().replaceAll("[^A-Z0-9]+", "_").replaceAll("^_|_$", "");
  }

  /**
   * A problem in our words; a detail that would quote an exception, a class, a package or SQL is
   * logged with the request id and replaced by a sentence naming the id.
   */
  static ProblemDetail problem(HttpStatusCode status, String title, String detail) {
    String id = RequestIds.current();
    String told = detail;
    if (detail == null || detail.isBlank()) {
      told = title.charAt(0) + title.substring(1).toLowerCase().replace('_', ' ');
    } else if (leaks(detail)) {
      log.warn("An error detail was withheld from the client (request {}): {}", id, detail);
      told =
          "The request was refused (%d); the server's log has the details under request id %s"
              .formatted(status.value(), id);
    }
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, told);
    p.setTitle(title);
    p.setProperty("requestId", id);
    return p;
  }

  /** Whether {@code text} names a class, a package, an exception or SQL. */
  static boolean leaks(String text) {
    return LEAK.matcher(text).find();
  }

  /** What a parameter or field of a type must be, in words. */
  private static final class Expected {
    static String of(Class<?> type) {
      if (type == null) {
        return "of the expected type";
      }
      if (type == long.class || type == Long.class || type == int.class || type == Integer.class) {
        return "a whole number";
      }
      if (type == double.class || type == Double.class || type == float.class) {
        return "a number";
      }
      if (type == boolean.class || type == Boolean.class) {
        return "true or false";
      }
      if (type == java.time.Instant.class || type == java.time.OffsetDateTime.class) {
        return "an ISO-8601 date and time with its zone, such as 2026-12-01T00:00:00Z";
      }
      if (type == java.time.Duration.class) {
        return "an ISO-8601 duration, such as PT1H";
      }
      if (type == String.class) {
        return "a string";
      }
      if (type.isEnum()) {
        return "one of " + java.util.Arrays.toString(type.getEnumConstants());
      }
      if (List.class.isAssignableFrom(type) || type.isArray()) {
        return "a list";
      }
      return "a JSON object";
    }
  }
}
