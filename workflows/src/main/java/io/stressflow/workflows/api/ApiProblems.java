package io.stressflow.workflows.api;

import io.stressflow.workflows.campaign.CampaignConflictException;
import io.stressflow.workflows.campaign.InvalidFieldException;
import io.stressflow.workflows.campaign.PlanRejectedException;
import io.stressflow.workflows.campaign.WorkflowEngineUnavailableException;
import io.stressflow.workflows.security.RequestIds;
import io.stressflow.workflows.security.SignatureRejectedException;
import io.stressflow.workflows.task.TaskCompletionRejectedException;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every API error as {@code application/problem+json} (RFC 9457): {@code title} a stable code,
 * {@code detail} a sentence for people that names the field or the resource, and for field errors a
 * {@code problems} list of {@code {path|field, message}}. An exception no handler knows is a 500,
 * logged once here with its trace and the request's correlation id; the body names only the id,
 * never the exception. A refusal by role, assignee or signature is a 403.
 */
@RestControllerAdvice
class ApiProblems {

  private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

  @ExceptionHandler(PlanRejectedException.class)
  ProblemDetail planRejected(PlanRejectedException e) {
    ProblemDetail p = problem(HttpStatus.UNPROCESSABLE_ENTITY, "PLAN_INVALID", e.getMessage());
    p.setProperty("problems", e.report().problems());
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

  @ExceptionHandler(InvalidFieldException.class)
  ProblemDetail invalidField(InvalidFieldException e) {
    ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "INVALID_ARGUMENT", e.getMessage());
    p.setProperty("problems", List.of(Map.of("field", e.field(), "message", e.problem())));
    return p;
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail badRequest(IllegalArgumentException e) {
    return problem(HttpStatus.BAD_REQUEST, "INVALID_ARGUMENT", e.getMessage());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ProblemDetail unreadable(HttpMessageNotReadableException e) {
    String cause =
        e.getMostSpecificCause() == null ? e.getMessage() : e.getMostSpecificCause().getMessage();
    return problem(
        HttpStatus.BAD_REQUEST, "INVALID_ARGUMENT", "The request body cannot be read: " + cause);
  }

  @ExceptionHandler(AccessDeniedException.class)
  ProblemDetail forbidden(AccessDeniedException e) {
    return problem(HttpStatus.FORBIDDEN, "FORBIDDEN", e.getMessage());
  }

  @ExceptionHandler(SignatureRejectedException.class)
  ProblemDetail signatureRejected(SignatureRejectedException e) {
    return problem(HttpStatus.FORBIDDEN, "SIGNATURE_REJECTED", e.getMessage());
  }

  @ExceptionHandler(RuntimeException.class)
  ProblemDetail unexpected(RuntimeException e) {
    String id = RequestIds.current();
    log.error("Unexpected error in the REST API (request {})", id, e);
    ProblemDetail p =
        problem(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "INTERNAL",
            "Unexpected error; the server's log has the details under request id " + id);
    p.setProperty("requestId", id);
    return p;
  }

  static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setTitle(title);
    return p;
  }
}
