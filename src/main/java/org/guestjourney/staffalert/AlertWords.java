package org.guestjourney.staffalert;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.guestjourney.tasklist.StaffTaskState;
import org.guestjourney.tasklist.TaskCard;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The words of alert e-mails, text messages and digests, in the language each person chose for the
 * staff pages (English when they chose none). Texts come from the staff bundle ({@code
 * alertmail.*}).
 */
@Component
class AlertWords {

  private final MessageSource words;
  private final JdbcClient jdbc;
  private final Clock clock;
  private final String baseUrl;

  AlertWords(
      MessageSource words,
      JdbcClient jdbc,
      Clock clock,
      @Value("${guest-journey.public-base-url:http://localhost:8080}") String baseUrl) {
    this.words = words;
    this.jdbc = jdbc;
    this.clock = clock;
    this.baseUrl = baseUrl.replaceAll("/+$", "");
  }

  /** The language the person chose for the staff pages, else English. */
  Locale localeOf(long staffAccountId) {
    String language =
        jdbc.sql("select language from staff_account where id = ?")
            .param(staffAccountId)
            .query((rs, n) -> rs.getString("language"))
            .optional()
            .orElse(null);
    return language == null ? Locale.ENGLISH : Locale.forLanguageTag(language);
  }

  private String word(Locale locale, String key, Object... args) {
    return words.getMessage(key, args, locale);
  }

  String subject(AlertReason reason, TaskCard card, Locale locale) {
    return word(locale, "alertmail.subject." + suffix(reason), card.title());
  }

  String text(AlertReason reason, TaskCard card, Locale locale) {
    return subject(reason, card, locale) + " (" + sla(card, locale) + "). " + link(card);
  }

  String body(AlertReason reason, TaskCard card, Locale locale) {
    StringBuilder b = new StringBuilder();
    b.append(word(locale, "alertmail.lead." + suffix(reason))).append("\n\n");
    b.append(card.title()).append('\n');
    b.append(card.kind());
    if (!card.propertyName().isEmpty()) {
      b.append(" · ").append(card.propertyName());
    }
    b.append('\n');
    if (!card.excerpt().isEmpty()) {
      b.append("\n“").append(card.excerpt()).append("”\n");
    }
    b.append('\n').append(capitalised(sla(card, locale)));
    String due = due(card, locale);
    if (!due.isEmpty()) {
      b.append(" (").append(due).append(')');
    }
    b.append('\n');
    b.append(
            card.task().assignee() == null
                ? word(locale, "alertmail.nobody")
                : word(locale, "alertmail.with", card.task().assignee()))
        .append('\n');
    b.append('\n').append(word(locale, "alertmail.open", link(card))).append('\n');
    b.append('\n')
        .append(word(locale, "alertmail.why." + suffix(reason), baseUrl + "/account/alerts"))
        .append('\n');
    return b.toString();
  }

  /** One item of a digest. */
  record DigestLine(AlertReason reason, TaskCard card) {}

  String digestSubject(int items, Locale locale) {
    return word(locale, "alertmail.digest.subject", items);
  }

  String digestBody(List<DigestLine> lines, Locale locale) {
    StringBuilder b = new StringBuilder();
    b.append(word(locale, "alertmail.digest.lead", lines.size())).append("\n");
    for (DigestLine line : lines) {
      TaskCard card = line.card();
      boolean done = card.task().state() != StaffTaskState.OPEN;
      b.append("\n• ")
          .append(word(locale, line.reason().key()))
          .append(": ")
          .append(card.title())
          .append('\n');
      b.append("  ").append(card.kind());
      if (!card.urgency().isEmpty()) {
        b.append(" · ").append(card.urgency());
      }
      if (!card.propertyName().isEmpty()) {
        b.append(" · ").append(card.propertyName());
      }
      b.append('\n');
      if (done) {
        b.append("  ").append(word(locale, "alertmail.digest.done")).append('\n');
      } else {
        b.append("  ").append(capitalised(sla(card, locale)));
        String due = due(card, locale);
        if (!due.isEmpty()) {
          b.append(" (").append(due).append(')');
        }
        b.append('\n');
      }
      b.append("  ").append(link(card)).append('\n');
    }
    b.append('\n')
        .append(word(locale, "alertmail.digest.why", baseUrl + "/account/alerts"))
        .append('\n');
    return b.toString();
  }

  /** "due in 45 min", "overdue by 1 h 5 min", "no deadline", in the person's language. */
  String sla(TaskCard card, Locale locale) {
    Duration left = card.task().timeLeft(clock.instant());
    if (left == null) {
      return word(locale, "task.sla.none");
    }
    return left.isNegative()
        ? word(locale, "task.sla.overdue", duration(left.negated(), locale))
        : word(locale, "task.sla.due", duration(left, locale));
  }

  private String duration(Duration d, Locale locale) {
    long days = d.toDays();
    long hours = d.toHoursPart();
    long minutes = d.toMinutesPart();
    if (days > 0) {
      return word(locale, "duration.dh", days, hours);
    }
    if (hours > 0) {
      return word(locale, "duration.hm", hours, minutes);
    }
    return word(locale, "duration.m", Math.max(minutes, 0));
  }

  /** The deadline in the task's house's zone, with the zone: "1 Dec 14:05 Europe/Rome". */
  String due(TaskCard card, Locale locale) {
    if (card.task().dueAt() == null) {
      return "";
    }
    DateTimeFormatter format = DateTimeFormatter.ofPattern(word(locale, "datetime.short"), locale);
    return format.format(card.task().dueAt().atZone(card.zone()))
        + " "
        + (card.zone().equals(ZoneOffset.UTC) ? "UTC" : card.zone().getId());
  }

  String link(TaskCard card) {
    return baseUrl + "/tasks/" + card.id();
  }

  private static String suffix(AlertReason reason) {
    return reason.name().toLowerCase(Locale.ROOT);
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
