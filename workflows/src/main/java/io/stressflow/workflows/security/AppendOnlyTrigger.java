package io.stressflow.workflows.security;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * An H2 trigger that refuses every UPDATE and DELETE on the table it guards: the audit trail and
 * signed decisions are append-only in the database itself, not only in the code that writes them.
 */
public class AppendOnlyTrigger implements Trigger {

  private String table;

  @Override
  public void init(
      Connection conn, String schema, String trigger, String table, boolean before, int type) {
    this.table = table;
  }

  @Override
  public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
    throw new SQLException(
        table + " is append-only: a record cannot be changed or deleted, only superseded");
  }
}
