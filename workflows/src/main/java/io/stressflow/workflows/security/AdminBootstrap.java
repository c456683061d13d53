package io.stressflow.workflows.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * The first administrator: on a first start with local users (no user yet) it creates {@code admin}
 * with the password from {@code STRESSFLOW_ADMIN_PASSWORD} ({@code
 * stressflow.security.admin-password}), or else a generated one printed once. There is no default
 * password.
 */
@Component
class AdminBootstrap implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

  private final UserStore users;
  private final SecurityProperties properties;

  AdminBootstrap(UserStore users, SecurityProperties properties) {
    this.users = users;
    this.properties = properties;
  }

  @Override
  public void afterSingletonsInstantiated() {
    if (properties.oidc() || users.count() > 0) {
      return;
    }
    String password = properties.adminPassword();
    boolean generated = password == null || password.isBlank();
    if (generated) {
      byte[] bytes = new byte[18];
      new SecureRandom().nextBytes(bytes);
      password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
    users.create("admin", password, List.of(Roles.ADMIN), Actors.SYSTEM);
    if (generated) {
      // printed once, on the console only: it is not kept anywhere but as a hash
      System.out.println(
          "Stressflow: created the administrator 'admin' with the generated password "
              + password
              + " (shown once; set STRESSFLOW_ADMIN_PASSWORD before the first start to choose it)");
    } else {
      log.info("Created the administrator 'admin' (password from STRESSFLOW_ADMIN_PASSWORD)");
    }
  }
}
