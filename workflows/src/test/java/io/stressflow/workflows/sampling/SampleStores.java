package io.stressflow.workflows.sampling;

import io.stressflow.workflows.sampling.cmis.ModuleDiagnostics;
import io.stressflow.workflows.sampling.cmis.ModuleState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes samples through the product's {@link SampleStore}, for benchmarks outside this package.
 */
public final class SampleStores {

  private final SampleStore store;

  /** A store on {@code db} with the default operating envelope (0..70 degC). */
  public SampleStores(DataSource db) {
    this.store = new SampleStore(JdbcClient.create(db), new JdbcTemplate(db), 0, 70);
  }

  /**
   * One in-situ round: a passing sample of each module with {@code lanes} lanes of plausible values
   * (bias ~ 60 mA, Tx ~ 1 mW, Rx ~ 0.8 mW, with noise), as the sampling service stores it.
   */
  public void inSituRound(
      String campaignId, String legId, List<String> serials, int lanes, Instant at, double hours) {
    List<SampleStore.Sample> samples = new ArrayList<>(serials.size());
    java.util.Random random = new java.util.Random(at.toEpochMilli());
    for (String serial : serials) {
      List<ModuleDiagnostics.Lane> l = new ArrayList<>(lanes);
      for (int i = 0; i < lanes; i++) {
        l.add(
            new ModuleDiagnostics.Lane(
                i,
                60 + random.nextGaussian(),
                1 + random.nextGaussian() * 0.01,
                0.8 + random.nextGaussian() * 0.01));
      }
      ModuleDiagnostics d =
          new ModuleDiagnostics(
              ModuleState.READY,
              45 + random.nextGaussian(),
              3.3 + random.nextGaussian() * 0.01,
              l,
              true,
              null,
              Set.of(),
              List.of());
      samples.add(
          new SampleStore.Sample(serial, false, at, d, new FailureJudge.Verdict(true, List.of())));
    }
    store.insertSamples(null, campaignId, legId, "IN_SITU", "in-situ", hours, 0, samples);
  }
}
