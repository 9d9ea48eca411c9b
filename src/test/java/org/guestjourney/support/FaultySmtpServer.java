package org.guestjourney.support;

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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real SMTP server on a TCP port, small enough to misbehave on purpose: it can be down (port
 * closed), accept connections and never answer, refuse a recipient with 550, or run an action (kill
 * the app) after it has taken a message and before it answers {@code 250}. It counts what it took
 * by recipient and {@code Message-ID}: the sink side of the fault suite's figures. GreenMail cannot
 * be made to hang or to act between taking a message and answering, hence this one.
 */
public final class FaultySmtpServer implements AutoCloseable {

  /** A message the server took (answered, or was about to answer, 250 to its data). */
  public record Received(String recipient, String messageId) {}

  private final int port;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Set<String> refusedRecipients = ConcurrentHashMap.newKeySet();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicReference<Runnable> afterNextMessage = new AtomicReference<>();
  private volatile boolean hanging;
  private volatile ServerSocket server;

  public FaultySmtpServer() throws IOException {
    try (ServerSocket probe = new ServerSocket(0)) {
      this.port = probe.getLocalPort();
    }
    up();
  }

  public int port() {
    return port;
  }

  /** Listens (again) on its port. */
  public synchronized void up() throws IOException {
    if (server != null) {
      return;
    }
    ServerSocket socket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
    socket.setReuseAddress(true);
    server = socket;
    Thread.ofVirtual().start(() -> accept(socket));
  }

  /** Closes its port and every open connection: the server is down. */
  public synchronized void down() throws IOException {
    if (server != null) {
      server.close();
      server = null;
    }
    for (Socket s : open) {
      s.close();
    }
  }

  /** Accepts connections but never says a word (or stops answering mid-conversation). */
  public void hang(boolean hang) {
    this.hanging = hang;
  }

  public void refuse(String recipient) {
    refusedRecipients.add(recipient.toLowerCase(Locale.ROOT));
  }

  /** Runs {@code action} once, after the next message is taken and before the 250 answer. */
  public void afterNextMessage(Runnable action) {
    afterNextMessage.set(action);
  }

  public List<Received> receivedBy(String recipient) {
    return received.stream().filter(r -> r.recipient().equalsIgnoreCase(recipient)).toList();
  }

  private void accept(ServerSocket socket) {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        open.add(client);
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
      if (waitWhileHanging(client)) {
        return;
      }
      say(out, "220 faulty-smtp ready");
      String recipient = null;
      String line;
      while ((line = in.readLine()) != null) {
        if (waitWhileHanging(client)) {
          return;
        }
        String command = line.toUpperCase(Locale.ROOT);
        if (command.startsWith("EHLO") || command.startsWith("HELO")) {
          say(out, "250 faulty-smtp");
        } else if (command.startsWith("MAIL FROM")) {
          say(out, "250 2.1.0 ok");
        } else if (command.startsWith("RCPT TO")) {
          recipient = line.substring(line.indexOf('<') + 1, line.lastIndexOf('>'));
          if (refusedRecipients.contains(recipient.toLowerCase(Locale.ROOT))) {
            say(out, "550 5.1.1 <" + recipient + ">: no such user here");
            recipient = null;
          } else {
            say(out, "250 2.1.5 ok");
          }
        } else if (command.equals("DATA")) {
          say(out, "354 end data with <CR><LF>.<CR><LF>");
          String messageId = null;
          String data;
          while ((data = in.readLine()) != null && !data.equals(".")) {
            if (messageId == null && data.toLowerCase(Locale.ROOT).startsWith("message-id:")) {
              messageId = data.substring("message-id:".length()).strip();
            }
          }
          received.add(new Received(recipient, messageId));
          Runnable action = afterNextMessage.getAndSet(null);
          if (action != null) {
            action.run();
          }
          say(out, "250 2.0.0 queued");
        } else if (command.equals("QUIT")) {
          say(out, "221 2.0.0 bye");
          return;
        } else {
          say(out, "250 ok"); // RSET, NOOP
        }
      }
    } catch (IOException gone) {
      // the client went away (or was killed); what was taken stays counted
    } finally {
      open.remove(client);
    }
  }

  /** While hanging, holds the connection open without a word; true if it was closed meanwhile. */
  private boolean waitWhileHanging(Socket client) {
    while (hanging) {
      if (client.isClosed()) {
        return true;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return true;
      }
    }
    return client.isClosed();
  }

  private static void say(OutputStream out, String reply) throws IOException {
    out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    hanging = false;
    down();
  }
}
