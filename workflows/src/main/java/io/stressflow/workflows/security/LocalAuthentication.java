package io.stressflow.workflows.security;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;

/**
 * The password check against local users, shared by HTTP Basic, the browser login form, the CLI's
 * token login, signed decisions and the demo's lab people. Publishes success and failure events
 * (the {@link LoginThrottle} counts failures).
 */
@Configuration(proxyBeanMethods = false)
class LocalAuthentication {

  @Bean
  AuthenticationManager localAuthenticationManager(
      UserStore users, ApplicationEventPublisher events) {
    DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
    provider.setPasswordEncoder(UserStore.ENCODER);
    ProviderManager manager = new ProviderManager(provider);
    manager.setAuthenticationEventPublisher(new DefaultAuthenticationEventPublisher(events));
    return manager;
  }
}
