package io.restsdk.testkit.extension;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Checks whether something still listens on a loopback port. */
final class Probe {
  private Probe() {}

  static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
