package io.stressflow.workflows.system;

import org.quartz.SchedulerException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs Quartz writes (schedule a job, delete a job) made from our own threads in one transaction of
 * their own.
 *
 * <p>Spring's JDBC job store runs such calls on the application's connection and, with no
 * transaction open, in auto-commit: a job's trigger is then inserted (or deleted) as two rows in
 * two commits, and Quartz's trigger-access lock is released as soon as it is taken. The scheduler
 * thread, acquiring the next trigger meanwhile, saw half a trigger and logged an ERROR ({@code No
 * record found for selection of Trigger}, {@code "job" is null}) at the switch between two legs. In
 * a transaction the rows appear and disappear together, under the lock.
 */
public final class SchedulerTransactions {

  private final TransactionTemplate transactions;

  /**
   * Creates the helper.
   *
   * @param transactionManager the application's transaction manager (the job store's data source).
   */
  public SchedulerTransactions(PlatformTransactionManager transactionManager) {
    this.transactions = new TransactionTemplate(transactionManager);
    // its own transaction: a failed write must not mark a caller's transaction rollback-only
    this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * Runs one or more scheduler calls in one new transaction.
   *
   * @param write the calls.
   * @throws SchedulerException what the calls threw; nothing they wrote is kept.
   */
  public void run(Write write) throws SchedulerException {
    try {
      transactions.executeWithoutResult(
          status -> {
            try {
              write.run();
            } catch (SchedulerException e) {
              throw new Failed(e);
            }
          });
    } catch (Failed e) {
      throw e.cause;
    }
  }

  /** Scheduler calls. */
  @FunctionalInterface
  public interface Write {
    /**
     * Makes the calls.
     *
     * @throws SchedulerException if Quartz refuses one.
     */
    void run() throws SchedulerException;
  }

  private static final class Failed extends RuntimeException {
    private final SchedulerException cause;

    Failed(SchedulerException cause) {
      super(cause);
      this.cause = cause;
    }
  }
}
