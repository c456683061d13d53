package io.stressflow.workflows.security;

import java.util.List;

/**
 * The roles people hold. They are the process models' candidate groups, so whoever holds a role may
 * claim the tasks of the group of the same name: {@code lab-staff} (load, unload, alarms, lab read
 * points, external results), {@code fa-engineer} (verify, root cause, corrective action), {@code
 * manager} (approve the report); {@code admin} manages users and may run a profile on any chamber.
 */
public final class Roles {

  /** Lab staff: launch and follow campaigns, register modules, work the lab's tasks. */
  public static final String LAB_STAFF = "lab-staff";

  /** Failure-analysis engineers: verify failures, find root causes, record corrective actions. */
  public static final String FA_ENGINEER = "fa-engineer";

  /** Reliability managers: approve reports, abort campaigns, read the audit trail. */
  public static final String MANAGER = "manager";

  /** Administrators: users, and anything a campaign needs when no one else can. */
  public static final String ADMIN = "admin";

  /** Every role, in the order the README lists them. */
  public static final List<String> ALL = List.of(LAB_STAFF, FA_ENGINEER, MANAGER, ADMIN);

  private Roles() {}

  /** The Spring Security authority of {@code role}: {@code ROLE_lab-staff}. */
  public static String authority(String role) {
    return "ROLE_" + role;
  }
}
