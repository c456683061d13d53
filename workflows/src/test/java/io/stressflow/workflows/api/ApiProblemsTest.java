package io.stressflow.workflows.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

class ApiProblemsTest {

  private final ApiProblems problems = new ApiProblems();

  @Test
  void shouldNameTheFieldAndItsLimitWhenTheDatabaseRefusesATooLongValue() {
    var e =
        new DataIntegrityViolationException(
            "PreparedStatementCallback; SQL [MERGE INTO lot ...]",
            new SQLException(
                "Value too long for column \"PART_NUMBER CHARACTER VARYING(64)\": \"'PPPP' (70)\";"
                    + " SQL statement:\nMERGE INTO lot (id, part_number) KEY (id) VALUES (?, ?)"));

    ProblemDetail p = problems.database(e);

    assertThat(p.getStatus()).isEqualTo(422);
    assertThat(p.getTitle()).isEqualTo("INVALID_FIELD");
    assertThat(p.getDetail()).isEqualTo("partNumber: must be at most 64 characters");
    assertThat(p.getProperties().get("problems"))
        .isEqualTo(
            List.of(Map.of("field", "partNumber", "message", "must be at most 64 characters")));
  }

  @Test
  void shouldAnswerAnyOtherDatabaseErrorWithTheRequestIdOnly() {
    ProblemDetail p =
        problems.database(
            new DataIntegrityViolationException(
                "SQL [INSERT ...]", new SQLException("Unique index violation: PUBLIC.LOT")));

    assertThat(p.getStatus()).isEqualTo(500);
    assertThat(p.getDetail()).doesNotContain("SQL", "LOT").contains("request id");
  }

  @Test
  void shouldWithholdADetailThatNamesAClassAPackageOrSql() {
    for (String leak :
        List.of(
            "Cannot construct instance of `io.stressflow.workflows.plan.CampaignPlan`",
            "Required request body is missing: PlanController.validate(java.lang.String)",
            "Cannot deserialize value of type `ModuleRegistry$Lot`",
            "SQL statement: MERGE INTO lot",
            "NumberFormatException: For input string")) {
      ProblemDetail p = ApiProblems.problem(HttpStatus.BAD_REQUEST, "INVALID_ARGUMENT", leak);
      assertThat(p.getDetail()).as(leak).startsWith("The request was refused (400)");
    }
    assertThat(
            ApiProblems.problem(HttpStatus.NOT_FOUND, "NOT_FOUND", "No campaign with id 'C-1'")
                .getDetail())
        .isEqualTo("No campaign with id 'C-1'");
  }

  @Test
  void shouldTellAFieldMessageAsA422NamingTheField() {
    ProblemDetail p =
        problems.badRequest(new IllegalArgumentException("roles: 'king' is not one of [admin]"));
    assertThat(p.getStatus()).isEqualTo(422);
    assertThat(p.getProperties().get("problems"))
        .isEqualTo(List.of(Map.of("field", "roles", "message", "'king' is not one of [admin]")));

    ProblemDetail plain = problems.badRequest(new IllegalArgumentException("Something odd"));
    assertThat(plain.getStatus()).isEqualTo(400);
  }
}
