package org.guestjourney.booking;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.guestjourney.booking.BookingRequest.GuestDetails;
import org.guestjourney.property.Languages;
import org.guestjourney.property.Property;
import org.guestjourney.property.PropertyRepository;
import org.guestjourney.security.PropertyAccess;
import org.guestjourney.web.ConflictException;
import org.guestjourney.web.FieldViolation;
import org.guestjourney.web.InvalidRequestException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The front desk creates a booking, changes its dates, records the guest's arrival time and cancels
 * it from the pages, with the API's rules and validation ({@link BookingService}): an invalid form
 * stores nothing and shows each problem next to its field, keeping what was typed. The form's field
 * names are the API's ({@code guest.fullName}), so a violation finds its field.
 */
@Controller
class BookingFormPages {

  /** The fields of the new-booking form, as the API names them. */
  static final List<String> FIELDS =
      List.of(
          "propertyId",
          "externalReference",
          "sourceChannel",
          "arrivalDate",
          "departureDate",
          "room",
          "partySize",
          "specialRequests",
          "guest.fullName",
          "guest.email",
          "guest.phone",
          "guest.preferredLanguage",
          "guest.preferredChannel",
          "guest.timeZone");

  private final BookingService service;
  private final PropertyRepository properties;
  private final PropertyAccess access;
  private final MessageSource words;

  BookingFormPages(
      BookingService service,
      PropertyRepository properties,
      PropertyAccess access,
      MessageSource words) {
    this.service = service;
    this.properties = properties;
    this.access = access;
    this.words = words;
  }

  private String word(String key, Object... args) {
    return words.getMessage(key, args, LocaleContextHolder.getLocale());
  }

  private List<Property> houses() {
    return properties.findAll().stream().filter(p -> access.canRead(p.id())).toList();
  }

  @GetMapping("/bookings/new")
  String newBooking(Model model) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("sourceChannel", "direct");
    form.put("partySize", "2");
    form.put("guest.preferredLanguage", "en");
    return showNew(model, form, Map.of());
  }

  private String showNew(Model model, Map<String, String> form, Map<String, String> errors) {
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    model.addAttribute("houses", houses());
    model.addAttribute("languages", Languages.SUPPORTED);
    return "pages/booking-new";
  }

  @PostMapping("/bookings/new")
  String create(
      @RequestParam Map<String, String> params, Model model, RedirectAttributes redirect) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String f : FIELDS) {
      form.put(f, params.getOrDefault(f, ""));
    }
    Map<String, String> errors = new LinkedHashMap<>();
    Long propertyId = number(form, "propertyId", errors);
    LocalDate arrival = date(form, "arrivalDate", errors);
    LocalDate departure = date(form, "departureDate", errors);
    Long partySize = number(form, "partySize", errors);
    BookingRequest request =
        new BookingRequest(
            propertyId,
            blankToNull(form.get("externalReference")),
            blankToNull(form.get("sourceChannel")),
            arrival,
            departure,
            blankToNull(form.get("room")),
            partySize == null ? null : (int) Math.min(partySize, Integer.MAX_VALUE),
            blankToNull(form.get("specialRequests")),
            new GuestDetails(
                blankToNull(form.get("guest.fullName")),
                blankToNull(form.get("guest.email")),
                blankToNull(form.get("guest.phone")),
                blankToNull(form.get("guest.preferredLanguage")),
                blankToNull(form.get("guest.preferredChannel")),
                blankToNull(form.get("guest.timeZone"))));
    try {
      if (propertyId != null) {
        access.checkWriteTo(propertyId, "propertyId", "is not a house you work for");
      }
      if (!errors.isEmpty()) {
        // what could not be read is reported with what the rules say about the rest
        throw new InvalidRequestException(List.of());
      }
      BookingService.Intake intake = service.create(request);
      redirect.addFlashAttribute(
          "saved",
          word(
              intake.created() ? "bookingform.created" : "bookingform.exists",
              intake.booking().externalReference()));
      return "redirect:/bookings/" + intake.booking().id() + "/change";
    } catch (InvalidRequestException e) {
      if (!errors.isEmpty() && e.violations().isEmpty()) {
        try {
          service.validate(request);
        } catch (InvalidRequestException rules) {
          addAll(errors, rules.violations());
        }
      }
      addAll(errors, e.violations());
    } catch (ConflictException e) {
      errors.put("externalReference", word("bookingform.conflict"));
    }
    model.addAttribute("problem", word("bookingform.invalid"));
    return showNew(model, form, errors);
  }

  private void addAll(Map<String, String> errors, List<FieldViolation> violations) {
    for (FieldViolation v : violations) {
      errors.putIfAbsent(v.field(), plain(v.message()));
    }
  }

  /** The rules' usual words, said in the page's language ("is required" → "Required."). */
  private static final Map<String, String> RULES =
      Map.of(
          "is required", "bookingform.rule.required",
          "must be after arrivalDate", "bookingform.rule.afterArrival",
          "is in the past", "bookingform.rule.past",
          "is not a valid e-mail address", "bookingform.rule.email",
          "must be in E.164 form", "bookingform.rule.phone",
          "an e-mail address or a phone number is required", "bookingform.rule.contact",
          "must be a time zone", "bookingform.rule.timeZone",
          "must be between 1 and 50", "bookingform.rule.party",
          "is not a known property", "bookingform.rule.house",
          "is not a house you work for", "bookingform.rule.house");

  /** A rule's words with the API's field names said as on the form. */
  private String plain(String message) {
    for (Map.Entry<String, String> rule : RULES.entrySet()) {
      if (message.startsWith(rule.getKey())) {
        return word(rule.getValue());
      }
    }
    String m = message;
    for (String f : FIELDS) {
      m = m.replace(f, word("bookingform.field." + f).toLowerCase(java.util.Locale.ROOT));
    }
    return m.replace("arrivalDate", word("bookingform.field.arrivalDate"))
        .replace("departureDate", word("bookingform.field.departureDate"));
  }

  @GetMapping("/bookings/{id}/change")
  String change(@PathVariable long id, Model model) {
    Booking booking = readable(id);
    model.addAttribute("booking", booking);
    model.addAttribute("property", properties.findById(booking.propertyId()).orElseThrow());
    model.addAttribute(
        "arrivalTime", service.expectedArrival(id).map(LocalTime::toString).orElse(""));
    if (!model.containsAttribute("errors")) {
      model.addAttribute("errors", Map.of());
    }
    if (!model.containsAttribute("form")) {
      model.addAttribute(
          "form",
          Map.of(
              "arrivalDate", booking.arrivalDate().toString(),
              "departureDate", booking.departureDate().toString()));
    }
    return "pages/booking-change";
  }

  @PostMapping("/bookings/{id}/change/dates")
  String changeDates(
      @PathVariable long id,
      @RequestParam(required = false) String arrivalDate,
      @RequestParam(required = false) String departureDate,
      RedirectAttributes redirect) {
    writable(id);
    Map<String, String> form =
        Map.of(
            "arrivalDate", arrivalDate == null ? "" : arrivalDate,
            "departureDate", departureDate == null ? "" : departureDate);
    Map<String, String> errors = new LinkedHashMap<>();
    LocalDate arrival = date(form, "arrivalDate", errors);
    LocalDate departure = date(form, "departureDate", errors);
    try {
      if (errors.isEmpty()) {
        Booking changed = service.changeDates(id, new DateChangeRequest(arrival, departure));
        redirect.addFlashAttribute(
            "saved",
            word("bookingform.dates.saved", changed.arrivalDate(), changed.departureDate()));
        return "redirect:/bookings/" + id + "/change";
      }
    } catch (InvalidRequestException e) {
      addAll(errors, e.violations());
    } catch (ConflictException e) {
      redirect.addFlashAttribute("problem", word("bookingform.cancelled"));
      return "redirect:/bookings/" + id + "/change";
    }
    redirect.addFlashAttribute("errors", errors);
    redirect.addFlashAttribute("form", form);
    redirect.addFlashAttribute("problem", word("bookingform.invalid"));
    return "redirect:/bookings/" + id + "/change";
  }

  @PostMapping("/bookings/{id}/change/arrival")
  String arrivalTime(
      @PathVariable long id,
      @RequestParam(required = false) String expectedArrival,
      RedirectAttributes redirect) {
    writable(id);
    try {
      service.recordArrivalTime(id, expectedArrival);
      redirect.addFlashAttribute(
          "saved", word("bookingform.arrival.saved", expectedArrival.strip()));
    } catch (InvalidRequestException e) {
      redirect.addFlashAttribute(
          "errors", Map.of("expectedArrival", word("bookingform.arrival.invalid")));
      redirect.addFlashAttribute("typedArrival", expectedArrival);
      redirect.addFlashAttribute("problem", word("bookingform.invalid"));
    } catch (ConflictException e) {
      redirect.addFlashAttribute("problem", word("bookingform.cancelled"));
    }
    return "redirect:/bookings/" + id + "/change";
  }

  @PostMapping("/bookings/{id}/change/cancel")
  String cancel(@PathVariable long id, RedirectAttributes redirect) {
    writable(id);
    service.cancel(id);
    redirect.addFlashAttribute("saved", word("bookingform.cancel.saved"));
    return "redirect:/bookings/" + id + "/change";
  }

  private Booking readable(long id) {
    Booking booking = service.get(id);
    access.checkRead(booking.propertyId(), () -> "No booking " + id);
    return booking;
  }

  private void writable(long id) {
    access.checkWrite(service.get(id).propertyId(), () -> "No booking " + id);
  }

  private LocalDate date(Map<String, String> form, String field, Map<String, String> errors) {
    String value = form.get(field);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      errors.put(field, word("bookingform.notadate"));
      return null;
    }
  }

  private Long number(Map<String, String> form, String field, Map<String, String> errors) {
    String value = form.get(field);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      errors.put(field, word("bookingform.notanumber"));
      return null;
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
