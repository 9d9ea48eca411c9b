package org.guestjourney.booking;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.guestjourney.property.Property;
import org.guestjourney.property.PropertyRepository;
import org.guestjourney.security.PropertyAccess;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The front desk's pages for the house at a glance: every booking with its stage (searchable,
 * filtered, paged), and the day's arrivals, in-house guests and departures per house.
 */
@Controller
class BookingPages {

  static final int PAGE_SIZE = 25;

  private final BookingBoard board;
  private final PropertyRepository properties;
  private final PropertyAccess access;
  private final Clock clock;
  private final org.springframework.context.MessageSource words;

  BookingPages(
      BookingBoard board,
      PropertyRepository properties,
      PropertyAccess access,
      Clock clock,
      org.springframework.context.MessageSource words) {
    this.words = words;
    this.board = board;
    this.properties = properties;
    this.access = access;
    this.clock = clock;
  }

  private List<Property> readable() {
    return properties.findAll().stream().filter(p -> access.canRead(p.id())).toList();
  }

  @GetMapping("/bookings")
  String list(
      @RequestParam(required = false) String q,
      @RequestParam(required = false) Long property,
      @RequestParam(required = false) String stage,
      @RequestParam(defaultValue = "1") int page,
      @RequestParam(defaultValue = "" + PAGE_SIZE) int size,
      Model model) {
    int pageSize = Math.clamp(size, 1, 100);
    List<Property> houses = readable();
    List<Long> ids =
        houses.stream()
            .map(Property::id)
            .filter(id -> property == null || id.equals(property))
            .toList();
    BookingStage chosen = stageOf(stage);
    model.addAttribute("result", board.search(ids, q, chosen, page, pageSize));
    model.addAttribute("q", q == null ? "" : q);
    model.addAttribute("property", property);
    model.addAttribute("stage", chosen == null ? "" : chosen.name());
    model.addAttribute("stages", BookingStage.values());
    model.addAttribute("houses", houses);
    model.addAttribute("size", pageSize == PAGE_SIZE ? null : pageSize);
    return "pages/bookings";
  }

  @GetMapping("/today")
  String today(
      @RequestParam(required = false) Long property,
      @RequestParam(required = false) String date,
      Model model) {
    List<Property> houses = readable();
    model.addAttribute("houses", houses);
    if (houses.isEmpty()) {
      return "pages/today";
    }
    Property house =
        houses.stream()
            .filter(p -> p.id() == (property == null ? -1 : property))
            .findFirst()
            .orElse(houses.getFirst());
    LocalDate today = LocalDate.ofInstant(clock.instant(), house.timeZone());
    LocalDate day = today;
    if (date != null && !date.isBlank()) {
      try {
        day = LocalDate.parse(date);
      } catch (DateTimeParseException e) {
        model.addAttribute(
            "problem",
            words.getMessage(
                "today.notadate",
                null,
                org.springframework.context.i18n.LocaleContextHolder.getLocale()));
      }
    }
    model.addAttribute("house", house);
    model.addAttribute("day", day);
    model.addAttribute("isToday", day.equals(today));
    model.addAttribute("previous", day.minusDays(1));
    model.addAttribute("next", day.plusDays(1));
    model.addAttribute("board", board.day(house.id(), day));
    return "pages/today";
  }

  private static BookingStage stageOf(String stage) {
    if (stage == null || stage.isBlank()) {
      return null;
    }
    try {
      return BookingStage.valueOf(stage);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
