package io.stressflow.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {
  @TempDir Path dir;

  private String url() {
    return "jdbc:h2:file:" + dir.resolve("engine").toAbsolutePath();
  }

  @Test
  void shouldKeepLargeEntitiesOutOfLine() {
    // given
    final EngineState state = new EngineState();
    final Job small = job(state.nextKey(), "small");
    final Job large = job(state.nextKey(), "x".repeat(StateStore.INLINE_LIMIT + 1));
    state.jobs().put(small);
    state.jobs().put(large);

    // when
    try (StateStore store = StateStore.open(url())) {
      store.load(new EngineState());
      store.flush(state);
    }

    // then
    final EngineState reloaded = new EngineState();
    try (StateStore store = StateStore.open(url())) {
      store.load(reloaded);
    }
    assertThat(reloaded.jobs().get(small.key).type).isEqualTo("small");
    assertThat(reloaded.jobs().get(large.key).type).hasSize(StateStore.INLINE_LIMIT + 1);
    assertThat(reloaded.peekNextKey()).isEqualTo(state.peekNextKey());
  }

  @Test
  void shouldNotWriteEntitiesCreatedAndRemovedBetweenFlushes() {
    // given
    final EngineState state = new EngineState();
    final Job kept = job(state.nextKey(), "kept");
    final Job transient_ = job(state.nextKey(), "transient");

    // when
    state.jobs().put(kept);
    state.jobs().put(transient_);
    state.jobs().remove(transient_.key);

    // then
    assertThat(state.jobs().drainChanged()).containsExactly(kept.key);
  }

  @Test
  void shouldMigrateTheSingleClobTableOfEarlierVersions() throws Exception {
    // given a database as written before one table per kind
    try (Connection connection = DriverManager.getConnection(url(), "sa", "");
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE entity (kind VARCHAR(32) NOT NULL, k BIGINT NOT NULL,"
              + " json CLOB NOT NULL, PRIMARY KEY (kind, k))");
      statement.execute("CREATE TABLE meta (name VARCHAR(64) PRIMARY KEY, v BIGINT NOT NULL)");
      statement.execute("INSERT INTO meta VALUES ('next_key', 2251799813685300)");
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO entity VALUES ('job', ?, ?)")) {
        insert.setLong(1, 2251799813685260L);
        insert.setString(2, "{\"key\":2251799813685260,\"type\":\"old\",\"retries\":3}");
        insert.executeUpdate();
      }
    }

    // when
    final EngineState state = new EngineState();
    try (StateStore store = StateStore.open(url())) {
      store.load(state);
    }

    // then
    assertThat(state.jobs().get(2251799813685260L).type).isEqualTo("old");
    assertThat(state.jobs().activatable("old")).containsExactly(2251799813685260L);
    assertThat(state.peekNextKey()).isEqualTo(2251799813685300L);
  }

  private static Job job(final long key, final String type) {
    final Job job = new Job();
    job.key = key;
    job.type = type;
    return job;
  }
}
