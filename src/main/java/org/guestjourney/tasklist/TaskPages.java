package org.guestjourney.tasklist;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingRepository;
import org.guestjourney.guest.GuestRepository;
import org.guestjourney.messaging.MessageDelivery;
import org.guestjourney.messaging.MessagingService;
import org.guestjourney.property.Property;
import org.guestjourney.property.PropertyRepository;
import org.guestjourney.security.CurrentStaff;
import org.guestjourney.security.StaffAccount;
import org.guestjourney.security.StaffAccountService;
import org.guestjourney.security.StaffUser;
import org.guestjourney.web.ConflictException;
import org.guestjourney.web.NotFoundException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
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
  private final OpenTasks open;
  private final TaskCards cards;
  private final org.guestjourney.web.StaffWords words;
  private final StaffAccountService staff;
  private final Duration refresh;
  private final TaskEvents events;
  private final TaskBulk bulk;

  TaskPages(
      StaffTaskService tasks,
      BookingRepository bookings,
      GuestRepository guests,
      PropertyRepository properties,
      MessagingService messaging,
      List<TaskDetails> details,
      Clock clock,
      org.guestjourney.security.PropertyOf propertyOf,
      OpenTasks open,
      TaskCards cards,
      StaffAccountService staff,
      @Value("${guest-journey.tasklist.refresh-every:PT15S}") Duration refresh,
      TaskEvents events,
      TaskBulk bulk,
      org.guestjourney.web.StaffWords words) {
    this.words = words;
    this.events = events;
    this.bulk = bulk;
    this.propertyOf = propertyOf;
    this.open = open;
    this.cards = cards;
    this.staff = staff;
    this.refresh = refresh;
    this.tasks = tasks;
    this.bookings = bookings;
    this.guests = guests;
    this.properties = properties;
    this.messaging = messaging;
    this.details = details;
    this.clock = clock;
  }

  /** A message already exchanged with the guest. */
  record MessageLine(String when, String what, String state, String subject) {}

  /** The filters of the list, as chosen on the page (all optional). */
  record Filter(Boolean mine, Long property, String kind, String urgency, Boolean overdue) {

    public boolean any() {
      return Boolean.TRUE.equals(mine)
          || property != null
          || present(kind)
          || present(urgency)
          || Boolean.TRUE.equals(overdue);
    }

    boolean keeps(TaskCard c, String me) {
      return (!Boolean.TRUE.equals(mine) || me.equals(c.task().assignee()))
          && (property == null || property.equals(c.propertyId()))
          && (!present(kind) || kind.equals(c.task().taskKind()))
          && (!present(urgency) || urgency.equals(c.urgency()))
          && (!Boolean.TRUE.equals(overdue) || c.overdue());
    }

    private static boolean present(String s) {
      return s != null && !s.isBlank();
    }
  }

  /** A choice in a filter's list. */
  record Option(String value, String label) {}

  /** The orders a person may sort the list by; the first is the default. */
  static final Map<String, Comparator<TaskCard>> SORTS = sorts();

  private static Map<String, Comparator<TaskCard>> sorts() {
    Map<String, Comparator<TaskCard>> sorts = new LinkedHashMap<>();
    // overdue first, then urgent, then by deadline
    sorts.put("pressing", TaskCards.TRIAGE_ORDER);
    sorts.put(
        "due",
        Comparator.comparing(
                (TaskCard c) -> c.task().dueAt(),
                Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
            .thenComparing(TaskCard::id));
    sorts.put(
        "newest",
        Comparator.comparing(
                (TaskCard c) -> c.task().createdAt(),
                Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
            .thenComparing(TaskCard::id, Comparator.reverseOrder()));
    sorts.put(
        "house",
        Comparator.comparing((TaskCard c) -> c.propertyName())
            .thenComparing(TaskCards.TRIAGE_ORDER));
    return java.util.Collections.unmodifiableMap(sorts);
  }

  @GetMapping("/tasks")
  String list(
      @RequestParam(required = false) Boolean mine,
      @RequestParam(required = false) Long property,
      @RequestParam(required = false) String kind,
      @RequestParam(required = false) String urgency,
      @RequestParam(required = false) Boolean overdue,
      @RequestParam(required = false) String sort,
      Authentication auth,
      jakarta.servlet.http.HttpServletRequest request,
      Model model) {
    StaffUser user = CurrentStaff.of(auth);
    Filter filter = new Filter(mine, property, kind, urgency, overdue);
    String order = sort != null && SORTS.containsKey(sort) ? sort : "pressing";
    List<TaskCard> all = open.of(auth).stream().map(cards::card).sorted(SORTS.get(order)).toList();
    List<TaskCard> shown = all.stream().filter(c -> filter.keeps(c, user.username())).toList();
    model.addAttribute("cards", shown);
    model.addAttribute("total", all.size());
    model.addAttribute("overdueCount", all.stream().filter(TaskCard::overdue).count());
    model.addAttribute("filter", filter);
    model.addAttribute(
        "properties",
        all.stream()
            .filter(c -> c.propertyId() != null)
            .map(c -> new Option(String.valueOf(c.propertyId()), c.propertyName()))
            .distinct()
            .sorted(java.util.Comparator.comparing(Option::label))
            .toList());
    model.addAttribute(
        "kinds",
        all.stream()
            .filter(c -> c.task().taskKind() != null)
            .map(c -> new Option(c.task().taskKind(), c.kind()))
            .distinct()
            .sorted(java.util.Comparator.comparing(Option::label))
            .toList());
    model.addAttribute("sort", order);
    model.addAttribute("query", request.getQueryString() == null ? "" : request.getQueryString());
    model.addAttribute("sorts", SORTS.keySet());
    model.addAttribute("user", user);
    java.util.Set<TaskBulk.Action> actions = TaskBulk.actionsOf(user);
    model.addAttribute("bulk", !actions.isEmpty());
    model.addAttribute("bulkAssign", actions.contains(TaskBulk.Action.ASSIGN));
    if (actions.contains(TaskBulk.Action.ASSIGN)) {
      model.addAttribute("bulkAssignable", bulk.assignable(shown));
    }
    model.addAttribute("refreshSeconds", refresh.toSeconds());
    model.addAttribute("version", version(open.count(auth)));
    return "pages/tasks";
  }

  /**
   * What the tasklist's script polls: how many open tasks wait for this person and a version that
   * changes whenever any task changes (the page then fetches itself again).
   */
  @GetMapping(value = "/tasks/pulse", produces = "application/json")
  @ResponseBody
  java.util.Map<String, Object> pulse(Authentication auth) {
    return events.pulse(auth);
  }

  private String version(int count) {
    return version(tasks, count);
  }

  /** The pulse's version: the open count and the latest task change. */
  static String version(StaffTaskService tasks, int count) {
    Instant last = tasks.lastChange();
    return count + ":" + (last == null ? 0 : last.toEpochMilli());
  }

  /**
   * The same pulse pushed as server-sent events whenever the tasks change (ADR 0063); {@code
   * /tasks/pulse} stays for browsers or proxies that cannot keep the stream open.
   */
  @GetMapping(value = "/tasks/events", produces = "text/event-stream")
  @ResponseBody
  org.springframework.web.servlet.mvc.method.annotation.SseEmitter events(Authentication auth) {
    return events.listen(auth);
  }

  @GetMapping("/tasks/{id}")
  String task(@PathVariable long id, Authentication auth, Model model) {
    StaffUser user = CurrentStaff.of(auth);
    StaffTask task = tasks.get(id, user);
    Instant now = clock.instant();
    model.addAttribute("task", task);
    model.addAttribute("card", cards.card(task));
    model.addAttribute("user", user);
    if (user.isManager() && task.state() == StaffTaskState.OPEN) {
      model.addAttribute("assignable", assignable(task));
    }
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

  /**
   * Several tasks at once (ADR 0066): {@code task} the chosen ids, {@code seen-<id>} who had each
   * when the page showed it, {@code action} claim, assign or release, {@code assignee} for assign.
   * Back to the list with its filters ({@code back}, the list's query) and a report per task.
   */
  @PostMapping("/tasks/bulk")
  String bulk(
      @RequestParam(name = "task", required = false) List<Long> chosen,
      @RequestParam(required = false) String action,
      @RequestParam(required = false) String assignee,
      @RequestParam(required = false) String back,
      @RequestParam org.springframework.util.MultiValueMap<String, String> form,
      Authentication auth,
      RedirectAttributes redirect) {
    String list =
        back != null && back.matches("[A-Za-z0-9=&%._+-]{1,500}") ? "/tasks?" + back : "/tasks";
    List<TaskBulk.Pick> picks =
        chosen == null
            ? List.of()
            : chosen.stream()
                .filter(java.util.Objects::nonNull)
                .map(id -> new TaskBulk.Pick(id, form.getFirst("seen-" + id)))
                .toList();
    try {
      redirect.addFlashAttribute("bulkReport", bulk.apply(auth, action, picks, assignee));
    } catch (org.guestjourney.web.InvalidRequestException e) {
      redirect.addFlashAttribute(
          "bulkProblem", "tasks.bulk.refused." + e.violations().getFirst().field());
    } catch (org.guestjourney.web.ForbiddenException e) {
      redirect.addFlashAttribute("bulkProblem", "tasks.bulk.refused.role");
    }
    return "redirect:" + list;
  }

  @PostMapping("/tasks/{id}/claim")
  String claim(@PathVariable long id, Authentication auth) {
    tasks.claim(id, CurrentStaff.of(auth));
    return "redirect:/tasks/" + id;
  }

  /** A manager gives the task to a named person (one who works on this team and property). */
  @PostMapping("/tasks/{id}/assign")
  String assign(
      @PathVariable long id,
      @RequestParam(required = false) String assignee,
      Authentication auth,
      RedirectAttributes redirect) {
    StaffUser manager = CurrentStaff.of(auth);
    StaffTask task = tasks.get(id, manager);
    StaffUser who =
        assignable(task).stream()
            .filter(u -> u.username().equals(assignee))
            .findFirst()
            .orElse(null);
    if (who == null) {
      redirect.addFlashAttribute("problem", words.say("tasks.assign.choose"));
      return "redirect:/tasks/" + id;
    }
    tasks.assign(id, manager, who);
    redirect.addFlashAttribute("done", words.say("tasks.assign.done", who.username()));
    return "redirect:/tasks/" + id;
  }

  /** Who a manager may give the task to: enabled staff of its team and property. */
  private List<StaffUser> assignable(StaffTask task) {
    Long propertyId = propertyOf.task(task.id()).orElse(null);
    return staff.all().stream()
        .filter(StaffAccount::enabled)
        .filter(
            a -> a.allProperties() || (propertyId != null && a.propertyIds().contains(propertyId)))
        .map(a -> new StaffUser(a.username(), a.role().groups()))
        .filter(u -> u.worksIn(task.candidateGroups()))
        .toList();
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
    java.util.Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
    DateTimeFormatter f =
        DateTimeFormatter.ofPattern(
            "zh".equals(locale.getLanguage()) ? "M月d日 HH:mm" : "d MMM HH:mm", locale);
    List<MessageLine> lines = new ArrayList<>();
    for (MessageDelivery d : messaging.forBooking(bookingId)) {
      Instant when = d.sentAt() != null ? d.sentAt() : d.plannedAt();
      lines.add(
          new MessageLine(
              f.format(when.atZone(zone)) + " " + TaskCards.zoneName(zone),
              d.step().label(),
              d.state().name().toLowerCase(),
              d.subject()));
    }
    return lines;
  }

  static String sla(StaffTask task, Instant now) {
    return TaskCards.sla(task, now);
  }
}
