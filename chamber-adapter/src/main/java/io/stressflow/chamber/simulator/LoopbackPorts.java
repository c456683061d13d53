package io.stressflow.chamber.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * The one place that picks a free TCP port: bind port 0, read it, release it. Callers that then
 * bind the port themselves must retry on a bind race ({@link ChamberSimulator#start} does).
 */
public final class LoopbackPorts {

  /** How often to retry when another process grabs the probed port before we bind it. */
  static final int ATTEMPTS = 5;

  private LoopbackPorts() {}

  /**
   * Probes a free port on an address.
   *
   * @param bindAddress the address the caller will bind.
   * @return a port that was free a moment ago.
   */
  public static int probe(String bindAddress) {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(bindAddress))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Expected to probe a free port on " + bindAddress, e);
    }
  }
}
