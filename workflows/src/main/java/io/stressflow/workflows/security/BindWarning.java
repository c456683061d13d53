package io.stressflow.workflows.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Warns when the API listens beyond loopback without TLS: passwords and tokens would cross the
 * network in clear text. The default {@code server.address} is {@code 127.0.0.1}.
 */
@Component
class BindWarning {

  private static final Logger log = LoggerFactory.getLogger(BindWarning.class);

  private final Environment env;

  BindWarning(Environment env) {
    this.env = env;
  }

  @EventListener(ApplicationReadyEvent.class)
  void check() {
    if ("none".equalsIgnoreCase(env.getProperty("spring.main.web-application-type", ""))) {
      return;
    }
    String address = env.getProperty("server.address", "");
    boolean tls =
        env.getProperty("server.ssl.enabled", Boolean.class, false)
            || env.getProperty("server.ssl.bundle") != null;
    if (!loopback(address) && !tls) {
      log.warn(
          "The API listens on '{}' without TLS: passwords and tokens cross the network in clear"
              + " text. Configure server.ssl.* or put a TLS proxy in front, or bind"
              + " server.address=127.0.0.1.",
          address.isBlank() ? "all interfaces" : address);
    }
  }

  private static boolean loopback(String address) {
    if (address.isBlank()) {
      return false;
    }
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
