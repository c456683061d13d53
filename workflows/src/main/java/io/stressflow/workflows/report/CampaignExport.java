package io.stressflow.workflows.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A campaign's data for the lab's own analysis, written row by row as it is read (never held
 * whole): its modules, every sample with its lane readings, the chambers' deviations and
 * interruptions, and the logbook. JSON holds all of them; CSV one data set per file.
 */
@Component
public class CampaignExport {

  /** A column: its name in CSV and JSON, and how its value is read. */
  private record Column(String name, String sql, Kind kind) {}

  private enum Kind {
    TEXT,
    NUMBER,
    INTEGER,
    BOOLEAN,
    TIME
  }

  /** One data set. */
  public enum Data {
    MODULES(
        "SELECT serial, lot, leg_id, control, state, credited_hours, credited_cycles,"
            + " last_good_point FROM module_unit WHERE campaign_id = ? ORDER BY serial",
        List.of(
            new Column("serial", "serial", Kind.TEXT),
            new Column("lot", "lot", Kind.TEXT),
            new Column("leg", "leg_id", Kind.TEXT),
            new Column("control", "control", Kind.BOOLEAN),
            new Column("state", "state", Kind.TEXT),
            new Column("creditedHours", "credited_hours", Kind.NUMBER),
            new Column("creditedCycles", "credited_cycles", Kind.INTEGER),
            new Column("lastGoodReadPoint", "last_good_point", Kind.TEXT))),
    READINGS(
        "SELECT s.id, s.serial, s.leg_id, s.kind, s.label, s.at, s.stress_hours, s.cycles,"
            + " s.in_envelope, s.state, s.temperature, s.vcc, s.verdict, s.control, r.lane,"
            + " r.bias_ma, r.tx_mw, r.rx_mw FROM module_sample s LEFT JOIN lane_reading r ON"
            + " r.sample_id = s.id WHERE s.campaign_id = ? ORDER BY s.id, r.lane",
        List.of(
            new Column("sample", "id", Kind.INTEGER),
            new Column("serial", "serial", Kind.TEXT),
            new Column("leg", "leg_id", Kind.TEXT),
            new Column("kind", "kind", Kind.TEXT),
            new Column("label", "label", Kind.TEXT),
            new Column("at", "at", Kind.TIME),
            new Column("stressHours", "stress_hours", Kind.NUMBER),
            new Column("cycles", "cycles", Kind.INTEGER),
            new Column("inEnvelope", "in_envelope", Kind.BOOLEAN),
            new Column("state", "state", Kind.TEXT),
            new Column("temperatureC", "temperature", Kind.NUMBER),
            new Column("vccV", "vcc", Kind.NUMBER),
            new Column("verdict", "verdict", Kind.TEXT),
            new Column("control", "control", Kind.BOOLEAN),
            new Column("lane", "lane", Kind.INTEGER),
            new Column("biasMa", "bias_ma", Kind.NUMBER),
            new Column("txMw", "tx_mw", Kind.NUMBER),
            new Column("rxMw", "rx_mw", Kind.NUMBER))),
    DEVIATIONS(
        "SELECT l.leg_id, d.quantity, d.started, d.ended, d.setpoint, d.worst, d.cause FROM"
            + " profile_deviation d JOIN campaign_leg l ON l.run_id = d.run_id WHERE"
            + " l.campaign_id = ? ORDER BY d.started, d.id",
        List.of(
            new Column("leg", "leg_id", Kind.TEXT),
            new Column("quantity", "quantity", Kind.TEXT),
            new Column("start", "started", Kind.TIME),
            new Column("end", "ended", Kind.TIME),
            new Column("setpoint", "setpoint", Kind.NUMBER),
            new Column("worst", "worst", Kind.NUMBER),
            new Column("cause", "cause", Kind.TEXT))),
    EVENTS(
        "SELECT at, actor, kind, message FROM campaign_event WHERE campaign_id = ? ORDER BY id",
        List.of(
            new Column("at", "at", Kind.TIME),
            new Column("actor", "actor", Kind.TEXT),
            new Column("kind", "kind", Kind.TEXT),
            new Column("message", "message", Kind.TEXT)));

    private final String sql;
    private final List<Column> columns;

    Data(String sql, List<Column> columns) {
      this.sql = sql;
      this.columns = columns;
    }

    /** Its name in the API, e.g. {@code readings}. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The data set of that name.
     *
     * @param key e.g. {@code readings}.
     * @return it, or null for an unknown name.
     */
    public static Data of(String key) {
      for (Data d : values()) {
        if (d.key().equals(key)) {
          return d;
        }
      }
      return null;
    }
  }

  private static final JsonFactory JSON = new JsonFactory();

  private final JdbcClient jdbc;

  /**
   * Reads from the application's database.
   *
   * @param jdbc the database.
   */
  public CampaignExport(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Writes data sets as one JSON object: {@code campaign} and one array per data set.
   *
   * @param campaignId the campaign.
   * @param data the data sets.
   * @param out where to.
   * @throws IOException if writing fails.
   */
  public void json(String campaignId, List<Data> data, Writer out) throws IOException {
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("campaign", campaignId);
      for (Data d : data) {
        g.writeArrayFieldStart(d.key());
        rows(
            campaignId,
            d,
            rs -> {
              g.writeStartObject();
              for (Column c : d.columns) {
                g.writeFieldName(c.name());
                Object v = value(rs, c);
                if (v == null) {
                  g.writeNull();
                } else if (v instanceof Boolean b) {
                  g.writeBoolean(b);
                } else if (v instanceof Long l) {
                  g.writeNumber(l);
                } else if (v instanceof Double x) {
                  g.writeNumber(x);
                } else {
                  g.writeString(v.toString());
                }
              }
              g.writeEndObject();
            });
        g.writeEndArray();
      }
      g.writeEndObject();
    }
  }

  /**
   * Writes one data set as CSV (RFC 4180, a header line, UTC times in ISO-8601; a text cell that a
   * spreadsheet would take for a formula is prefixed with an apostrophe).
   *
   * @param campaignId the campaign.
   * @param data the data set.
   * @param out where to.
   * @throws IOException if writing fails.
   */
  public void csv(String campaignId, Data data, Writer out) throws IOException {
    out.write(String.join(",", data.columns.stream().map(Column::name).toList()));
    out.write("\r\n");
    rows(
        campaignId,
        data,
        rs -> {
          StringBuilder line = new StringBuilder();
          for (int i = 0; i < data.columns.size(); i++) {
            Column c = data.columns.get(i);
            if (i > 0) {
              line.append(',');
            }
            Object v = value(rs, c);
            if (v != null) {
              line.append(c.kind() == Kind.TEXT ? cell(v.toString()) : v.toString());
            }
          }
          out.write(line.append("\r\n").toString());
        });
    out.flush();
  }

  /** A row written to the output. */
  private interface RowWriter {
    void write(ResultSet rs) throws IOException, SQLException;
  }

  private void rows(String campaignId, Data d, RowWriter writer) throws IOException {
    try {
      jdbc.sql(d.sql)
          .param(campaignId)
          .query(
              rs -> {
                try {
                  writer.write(rs);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static Object value(ResultSet rs, Column c) throws SQLException {
    Object v =
        switch (c.kind()) {
          case TEXT -> rs.getString(c.sql());
          case NUMBER -> rs.getDouble(c.sql());
          case INTEGER -> rs.getLong(c.sql());
          case BOOLEAN -> rs.getBoolean(c.sql());
          case TIME -> {
            OffsetDateTime t = rs.getObject(c.sql(), OffsetDateTime.class);
            yield t == null ? null : t.toInstant().toString();
          }
        };
    return rs.wasNull() ? null : v;
  }

  static String cell(String text) {
    String t = text;
    if (!t.isEmpty() && "=+-@\t\r".indexOf(t.charAt(0)) >= 0) {
      t = "'" + t;
    }
    if (t.indexOf(',') >= 0
        || t.indexOf('"') >= 0
        || t.indexOf('\n') >= 0
        || t.indexOf('\r') >= 0) {
      return '"' + t.replace("\"", "\"\"") + '"';
    }
    return t;
  }
}
