package org.guestjourney.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A real SMTP server on a TCP port that takes every message and counts it: by recipient, by {@code
 * Message-ID} (our e-mails carry their journey step's idempotency key in it, e.g. {@code
 * <booking.42.check-in-guide@guest-journey>}) and with the moment it arrived. The benchmark's
 * figures about messages are read here, at the receiving end, never from the app's own tables.
 */
final class CountingSmtpSink implements AutoCloseable {

  /** A message taken, with {@link System#currentTimeMillis()} when its data ended. */
  record Received(String recipient, String messageId, long atMillis) {

    /** The journey step the Message-ID names ({@code booking-confirmation}, ...), or "". */
    String step() {
      if (messageId == null) {
        return "";
      }
      String id = messageId.replaceAll("[<>]", "");
      int at = id.indexOf('@');
      String local = at < 0 ? id : id.substring(0, at);
      // booking.<id>.<step>[.<once-per value>]
      String[] parts = local.split("\\.");
      return parts.length >= 3 ? parts[2] : "";
    }
  }

  private final ServerSocket server;
  private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();

  CountingSmtpSink() throws IOException {
    server = new ServerSocket(0, 1_000, InetAddress.getLoopbackAddress());
    Thread.ofPlatform().daemon().name("smtp-sink").start(this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  List<Received> all() {
    return List.copyOf(received);
  }

  long count(String step) {
    return received.stream().filter(r -> r.step().equals(step)).count();
  }

  /** Messages taken more than once: (recipient, Message-ID) pairs beyond their first. */
  long duplicates() {
    Map<String, Long> byId =
        received.stream()
            .collect(
                Collectors.groupingBy(
                    r -> r.recipient().toLowerCase(Locale.ROOT) + " " + r.messageId(),
                    Collectors.counting()));
    return byId.values().stream().mapToLong(n -> n - 1).sum();
  }

  /** The first arrival of each recipient's message of {@code step}, by recipient. */
  Map<String, Received> firstOf(String step) {
    return received.stream()
        .filter(r -> r.step().equals(step))
        .collect(
            Collectors.toMap(
                r -> r.recipient().toLowerCase(Locale.ROOT),
                Function.identity(),
                (a, b) -> a.atMillis() <= b.atMillis() ? a : b));
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Thread.ofVirtual().start(() -> converse(client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void converse(Socket client) {
    try (client) {
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
      OutputStream out = client.getOutputStream();
      say(out, "220 bench-smtp ready");
      String recipient = null;
      String line;
      while ((line = in.readLine()) != null) {
        String command = line.toUpperCase(Locale.ROOT);
        if (command.startsWith("EHLO") || command.startsWith("HELO")) {
          say(out, "250 bench-smtp");
        } else if (command.startsWith("RCPT TO")) {
          recipient = line.substring(line.indexOf('<') + 1, line.lastIndexOf('>'));
          say(out, "250 2.1.5 ok");
        } else if (command.equals("DATA")) {
          say(out, "354 end data with <CR><LF>.<CR><LF>");
          String messageId = null;
          String data;
          while ((data = in.readLine()) != null && !data.equals(".")) {
            if (messageId == null && data.toLowerCase(Locale.ROOT).startsWith("message-id:")) {
              messageId = data.substring("message-id:".length()).strip();
            }
          }
          received.add(new Received(recipient, messageId, System.currentTimeMillis()));
          say(out, "250 2.0.0 queued");
        } else if (command.equals("QUIT")) {
          say(out, "221 2.0.0 bye");
          return;
        } else {
          say(out, "250 ok"); // MAIL FROM, RSET, NOOP
        }
      }
    } catch (IOException gone) {
      // the client went away; what was taken stays counted
    }
  }

  private static void say(OutputStream out, String reply) throws IOException {
    out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
