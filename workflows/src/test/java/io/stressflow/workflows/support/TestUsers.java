package io.stressflow.workflows.support;

/**
 * The people of the tests. The administrator's password is set for every application a test starts
 * in-process by {@code src/test/resources/config/application.properties}; the lab's people are
 * created through the users API by {@link Lab}.
 */
public final class TestUsers {

  /** The first administrator. */
  public static final String ADMIN = "admin";

  /** Its password (as in {@code config/application.properties} on the test classpath). */
  public static final String ADMIN_PASSWORD = "admin-test-password";

  /** The password of every user a test creates. */
  public static final String PASSWORD = "test-password-1234";

  /** A lab technician (lab-staff). */
  public static final String LAB = "lab.tech";

  /** A failure-analysis engineer (fa-engineer). */
  public static final String FA = "fa.engineer";

  /** A reliability manager (manager). */
  public static final String MANAGER = "r.manager";

  private TestUsers() {}
}
