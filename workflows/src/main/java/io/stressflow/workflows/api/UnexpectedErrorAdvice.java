package io.stressflow.workflows.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The API's last line: an exception no controller handled becomes a 500 problem+json (like every
 * other API error), logged once here with its trace.
 */
@RestControllerAdvice
class UnexpectedErrorAdvice {

  private static final Logger log = LoggerFactory.getLogger(UnexpectedErrorAdvice.class);

  @ExceptionHandler(RuntimeException.class)
  ProblemDetail unexpected(RuntimeException e) {
    log.error("Unexpected error in the REST API", e);
    ProblemDetail p =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.INTERNAL_SERVER_ERROR, "unexpected error: " + e.getClass().getSimpleName());
    p.setTitle("INTERNAL");
    return p;
  }
}
