package org.guestjourney.tasklist;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * A task's deadline in the words of the page's language ("due in 40 min", "还剩 40 分钟"), and in the
 * property's time zone. Templates call it as {@code ${@taskWords.sla(task)}}.
 */
@Component("taskWords")
public class TaskWords {

  private final MessageSource words;
  private final Clock clock;

  TaskWords(MessageSource words, Clock clock) {
    this.words = words;
    this.clock = clock;
  }

  private String word(String key, Object... args) {
    return words.getMessage(key, args, LocaleContextHolder.getLocale());
  }

  /** "due in 45 min", "overdue by 1 h 5 min", or "no deadline", in the page's language. */
  public String sla(StaffTask task) {
    Duration left = task.timeLeft(clock.instant());
    if (left == null) {
      return word("task.sla.none");
    }
    return left.isNegative()
        ? word("task.sla.overdue", duration(left.negated()))
        : word("task.sla.due", duration(left));
  }

  /** A duration in words: "2 d 3 h", "1 h 5 min", "40 min". */
  public String duration(Duration d) {
    long days = d.toDays();
    long hours = d.toHoursPart();
    long minutes = d.toMinutesPart();
    if (days > 0) {
      return word("duration.dh", days, hours);
    }
    if (hours > 0) {
      return word("duration.hm", hours, minutes);
    }
    return word("duration.m", Math.max(minutes, 0));
  }

  /** The card's deadline in its property's zone: "1 Dec 14:05 Europe/Rome". */
  public String due(TaskCard card) {
    if (card.task().dueAt() == null) {
      return "";
    }
    Locale locale = LocaleContextHolder.getLocale();
    DateTimeFormatter format = DateTimeFormatter.ofPattern(word("datetime.short"), locale);
    return format.format(card.task().dueAt().atZone(card.zone()))
        + " "
        + (card.zone().equals(ZoneOffset.UTC) ? "UTC" : card.zone().getId());
  }
}
