package org.guestjourney.tasklist;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingRepository;
import org.guestjourney.guest.Guest;
import org.guestjourney.guest.GuestRepository;
import org.guestjourney.messaging.MessageDelivery;
import org.guestjourney.messaging.MessagingService;
import org.guestjourney.property.Property;
import org.guestjourney.property.PropertyRepository;
import org.guestjourney.security.CurrentStaff;
import org.guestjourney.security.StaffUser;
import org.guestjourney.web.ConflictException;
import org.guestjourney.web.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The staff tasklist pages: my groups' tasks with their SLA, and one task with its context. */
@Controller
class TaskPages {

  private final StaffTaskService tasks;
  private final BookingRepository bookings;
  private final GuestRepository guests;
  private final PropertyRepository properties;
  private final MessagingService messaging;
  private final List<TaskDetails> details;
  private final Clock clock;

  private final org.guestjourney.security.PropertyOf propertyOf;

  TaskPages(
      StaffTaskService tasks,
      BookingRepository bookings,
      GuestRepository guests,
      PropertyRepository properties,
      MessagingService messaging,
      List<TaskDetails> details,
      Clock clock,
      org.guestjourney.security.PropertyOf propertyOf) {
    this.propertyOf = propertyOf;
    this.tasks = tasks;
    this.bookings = bookings;
    this.guests = guests;
    this.properties = properties;
    this.messaging = messaging;
    this.details = details;
    this.clock = clock;
  }

  /** A task in a list, with its SLA in words. */
  record TaskRow(
      StaffTask task, String guestName, String propertyName, String sla, boolean breached) {}

  /** A message already exchanged with the guest. */
  record MessageLine(String when, String what, String state, String subject) {}

  @GetMapping("/tasks")
  String list(Authentication auth, Model model) {
    StaffUser user = CurrentStaff.of(auth);
    Instant now = clock.instant();
    List<TaskRow> rows = new ArrayList<>();
    for (StaffTask t : tasks.visibleTo(user)) {
      // only the tasks of the properties they work for (a task of no property: all-properties
      // staff)
      boolean ownProperty =
          propertyOf
              .task(t.id())
              .map(org.guestjourney.security.PropertyAccess::readable)
              .orElseGet(() -> all(auth));
      if (!ownProperty) {
        continue;
      }
      Booking b = t.bookingId() == null ? null : bookings.findById(t.bookingId()).orElse(null);
      Guest g = b == null ? null : guests.findById(b.guestId()).orElse(null);
      Property p = b == null ? null : properties.findById(b.propertyId()).orElse(null);
      String who =
          g != null
              ? g.fullName()
              : details.stream()
                  .map(d -> d.whoFor(t))
                  .flatMap(java.util.Optional::stream)
                  .findFirst()
                  .orElse("");
      rows.add(new TaskRow(t, who, p == null ? "" : p.name(), sla(t, now), t.breached(now)));
    }
    model.addAttribute("rows", rows);
    model.addAttribute("user", user);
    return "pages/tasks";
  }

  private static boolean all(Authentication auth) {
    return auth.getPrincipal() instanceof org.guestjourney.security.PropertyScoped scoped
        && scoped.allProperties();
  }

  @GetMapping("/tasks/{id}")
  String task(@PathVariable long id, Authentication auth, Model model) {
    StaffUser user = CurrentStaff.of(auth);
    StaffTask task = tasks.get(id, user);
    Instant now = clock.instant();
    model.addAttribute("task", task);
    model.addAttribute("user", user);
    model.addAttribute("sla", sla(task, now));
    model.addAttribute("breached", task.breached(now));
    model.addAttribute("mine", user.username().equals(task.assignee()));
    List<TaskDetails.Detail> extra = new ArrayList<>();
    details.forEach(d -> extra.addAll(d.detailsFor(task)));
    model.addAttribute("details", extra);
    if (task.bookingId() != null) {
      Booking booking = bookings.findById(task.bookingId()).orElseThrow();
      Property property = properties.findById(booking.propertyId()).orElseThrow();
      model.addAttribute("booking", booking);
      model.addAttribute("property", property);
      model.addAttribute("guest", guests.findById(booking.guestId()).orElseThrow());
      model.addAttribute("messages", messages(booking.id(), property.timeZone()));
    }
    return "pages/task";
  }

  @PostMapping("/tasks/{id}/claim")
  String claim(@PathVariable long id, Authentication auth) {
    tasks.claim(id, CurrentStaff.of(auth));
    return "redirect:/tasks/" + id;
  }

  @PostMapping("/tasks/{id}/unclaim")
  String unclaim(@PathVariable long id, Authentication auth) {
    tasks.unclaim(id, CurrentStaff.of(auth));
    return "redirect:/tasks/" + id;
  }

  @ExceptionHandler(ConflictException.class)
  String conflict(ConflictException e, RedirectAttributes redirect) {
    redirect.addFlashAttribute("problem", e.getMessage());
    return "redirect:/tasks";
  }

  @ExceptionHandler(NotFoundException.class)
  @ResponseStatus(HttpStatus.NOT_FOUND)
  String notFound(NotFoundException e, Model model) {
    model.addAttribute("message", e.getMessage());
    return "pages/not-found";
  }

  private List<MessageLine> messages(long bookingId, ZoneId zone) {
    DateTimeFormatter f = DateTimeFormatter.ofPattern("d MMM HH:mm");
    List<MessageLine> lines = new ArrayList<>();
    for (MessageDelivery d : messaging.forBooking(bookingId)) {
      Instant when = d.sentAt() != null ? d.sentAt() : d.plannedAt();
      lines.add(
          new MessageLine(
              f.format(when.atZone(zone)),
              d.step().label(),
              d.state().name().toLowerCase(),
              d.subject()));
    }
    return lines;
  }

  /** "due in 45 min", "overdue by 1 h 5 min", or "no deadline". */
  static String sla(StaffTask task, Instant now) {
    Duration left = task.timeLeft(now);
    if (left == null) {
      return "no deadline";
    }
    return left.isNegative() ? "overdue by " + words(left.negated()) : "due in " + words(left);
  }

  static String words(Duration d) {
    long days = d.toDays();
    long hours = d.toHoursPart();
    long minutes = d.toMinutesPart();
    if (days > 0) {
      return days + " d " + hours + " h";
    }
    if (hours > 0) {
      return hours + " h " + minutes + " min";
    }
    return Math.max(minutes, 0) + " min";
  }
}
