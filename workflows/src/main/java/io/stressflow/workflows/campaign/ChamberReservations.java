package io.stressflow.workflows.campaign;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Which campaign holds a chamber's reservation ({@code chamber_reservation}), read only. */
@Component
public class ChamberReservations {

  private final JdbcClient jdbc;

  ChamberReservations(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The campaign that has reserved {@code chamber}.
   *
   * @param chamber the chamber id.
   * @return the campaign id, or empty if the chamber is free.
   */
  public Optional<String> holder(String chamber) {
    return jdbc.sql("SELECT campaign_id FROM chamber_reservation WHERE chamber = ?")
        .param(chamber)
        .query(String.class)
        .optional();
  }
}
