package org.guestjourney.tasklist;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events for the open staff pages (ADR 0063): each page that listens gets a {@code
 * pulse} event — {@code {"open": n, "version": "…", "inbox": m}}, the same as {@code /tasks/pulse}
 * — when anything about the tasks or another {@link MenuCount} (ADR 0066) changes. The change is
 * read from PostgreSQL (the latest task change), not from this replica's memory, so a task taken,
 * done or created through another replica reaches every replica's listeners within {@code
 * events-check-every}. A pulse also goes every {@code events-heartbeat}, which keeps proxies from
 * closing the stream and finds closed ones.
 */
@Component
public class TaskEvents {

  private static final Logger log = LoggerFactory.getLogger(TaskEvents.class);

  private final OpenTasks open;
  private final StaffTaskService tasks;
  private final List<MenuCount> counts;
  private final Duration streamFor;
  private final Duration heartbeat;
  private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();
  private volatile String lastChange;
  private volatile Instant lastHeartbeat = Instant.now();

  TaskEvents(
      OpenTasks open,
      StaffTaskService tasks,
      List<MenuCount> counts,
      @Value("${guest-journey.tasklist.events-stream-for:PT10M}") Duration streamFor,
      @Value("${guest-journey.tasklist.events-heartbeat:PT20S}") Duration heartbeat) {
    this.open = open;
    this.tasks = tasks;
    this.counts = counts;
    this.streamFor = streamFor;
    this.heartbeat = heartbeat;
  }

  /** One page listening; the browser opens a new stream by itself when this one ends. */
  record Listener(SseEmitter emitter, SecurityContext context, String[] version) {}

  SseEmitter listen(Authentication auth) {
    SseEmitter emitter = new SseEmitter(streamFor.toMillis());
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(auth);
    Listener listener = new Listener(emitter, context, new String[1]);
    listeners.add(listener);
    emitter.onCompletion(() -> listeners.remove(listener));
    emitter.onTimeout(() -> listeners.remove(listener));
    emitter.onError(e -> listeners.remove(listener));
    send(listener, true);
    return emitter;
  }

  int listening() {
    return listeners.size();
  }

  /** Reads the latest task change from the database and tells the listeners whose pulse moved. */
  @Scheduled(
      fixedDelayString = "${guest-journey.tasklist.events-check-every:PT2S}",
      initialDelayString = "${guest-journey.tasklist.events-check-every:PT2S}")
  void check() {
    if (listeners.isEmpty()) {
      return;
    }
    String change = change();
    Instant now = Instant.now();
    boolean beat = !now.isBefore(lastHeartbeat.plus(heartbeat));
    if (Objects.equals(change, lastChange) && !beat) {
      return;
    }
    lastChange = change;
    if (beat) {
      lastHeartbeat = now;
    }
    for (Listener listener : listeners) {
      send(listener, beat);
    }
  }

  /**
   * What a page is told (and what {@code /tasks/pulse} answers): the open tasks for this person,
   * how many of them are theirs, the tasks' version, and the other menu counts this person sees
   * ({@code "inbox": 2}).
   */
  Map<String, Object> pulse(Authentication auth) {
    List<StaffTask> shown = open.of(auth);
    int count = shown.size();
    Map<String, Object> pulse = new LinkedHashMap<>();
    pulse.put("open", count);
    pulse.put("mine", OpenTasks.mine(shown, auth));
    pulse.put("version", TaskPages.version(tasks, count));
    for (MenuCount menu : counts) {
      Integer n = menu.count(auth);
      if (n != null) {
        pulse.put(menu.name(), n);
      }
    }
    return pulse;
  }

  /** The latest change of the tasks and of every menu count, read from the database. */
  private String change() {
    StringBuilder change = new StringBuilder(String.valueOf(tasks.lastChange()));
    for (MenuCount menu : counts) {
      change.append('|').append(menu.change());
    }
    return change.toString();
  }

  private void send(Listener listener, boolean always) {
    SecurityContext before = SecurityContextHolder.getContext();
    SecurityContextHolder.setContext(listener.context());
    try {
      Map<String, Object> pulse = pulse(listener.context().getAuthentication());
      String seen = pulse.toString();
      if (!always && seen.equals(listener.version()[0])) {
        return;
      }
      listener.version()[0] = seen;
      listener.emitter().send(SseEmitter.event().name("pulse").data(pulse));
    } catch (IOException | IllegalStateException e) {
      listeners.remove(listener);
      listener.emitter().completeWithError(e);
    } catch (RuntimeException e) {
      log.warn("Could not tell a staff page about task changes", e);
    } finally {
      SecurityContextHolder.setContext(before);
    }
  }
}
