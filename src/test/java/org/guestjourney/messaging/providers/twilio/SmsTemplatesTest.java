package org.guestjourney.messaging.providers.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.guestjourney.booking.Booking;
import org.guestjourney.booking.BookingStatus;
import org.guestjourney.complaint.Complaint;
import org.guestjourney.guest.Guest;
import org.guestjourney.guestrequest.GuestRequest;
import org.guestjourney.inquiry.Inquiry;
import org.guestjourney.messaging.MessageStep;
import org.guestjourney.property.Languages;
import org.guestjourney.property.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Every SMS/WhatsApp text ({@code templates/messages/sms/<language>/<step>.txt}) renders in
 * Thymeleaf's TEXT mode from the same model as its e-mail, stays short, speaks to the guest by
 * name, carries the details that matter for its step, and is signed with the property's name; the
 * survey and review requests say how to opt out. Rendered both with everything filled in and with
 * every optional value missing.
 */
class SmsTemplatesTest {

  static final Set<MessageStep> ASKING_FOR_FEEDBACK =
      Set.of(
          MessageStep.QUICK_SURVEY,
          MessageStep.SATISFACTION_SURVEY,
          MessageStep.SATISFACTION_SURVEY_REMINDER,
          MessageStep.REVIEW_REQUEST);
  static final Set<MessageStep> INQUIRIES =
      Set.of(MessageStep.INQUIRY_HOLDING_REPLY, MessageStep.INQUIRY_ANSWER);

  /** GSM 03.38's basic characters: a text made only of these fits 160 characters per SMS part. */
  static final String GSM_7 =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

  static final SpringTemplateEngine ENGINE = textEngine();

  static Stream<Arguments> everyTemplate() {
    List<Arguments> all = new ArrayList<>();
    for (String language : Languages.SUPPORTED) {
      for (MessageStep step : MessageStep.values()) {
        all.add(Arguments.of(language, step));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{1} ({0})")
  @MethodSource("everyTemplate")
  void aFullModelGivesAShortPersonalSignedText(String language, MessageStep step) {
    Sample sample = new Sample(language);

    String text = render(language, step, sample.full(step));

    assertThat(text).isNotBlank().doesNotContain("[(", "[#", "[/]", "${", "null");
    assertThat(text.length()).as(text).isLessThanOrEqualTo(320);
    assertThat(text).contains(sample.guestName);
    assertThat(text).contains(sample.expected(step));
    assertSignedAndOptOut(language, step, text);
    if (language.equals("en")) {
      assertThat(text.chars().filter(c -> GSM_7.indexOf(c) < 0).mapToObj(Character::toString))
          .as("characters outside GSM-7 (they make every SMS part 70 characters)")
          .isEmpty();
    }
  }

  @ParameterizedTest(name = "{1} ({0})")
  @MethodSource("everyTemplate")
  void everyOptionalValueMayBeMissing(String language, MessageStep step) {
    Sample sample = new Sample(language);

    String text = render(language, step, sample.sparse(step));

    assertThat(text).isNotBlank().doesNotContain("[(", "[#", "[/]", "${", "null");
    assertThat(text.length()).as(text).isLessThanOrEqualTo(320);
    assertThat(text).contains(sample.guestName);
    assertSignedAndOptOut(language, step, text);
  }

  /** Signed "- Casa Verde" (or "- Marco, Casa Verde") in English, "【Casa Verde】" in Chinese. */
  private static void assertSignedAndOptOut(String language, MessageStep step, String text) {
    String optOut = language.equals("en") ? "Reply STOP to opt out." : "回复STOP退订";
    String signature =
        language.equals("en") ? " - (Marco, )?Casa Verde$" : "(——Marco)?【Casa Verde】$";
    if (ASKING_FOR_FEEDBACK.contains(step)) {
      assertThat(text).endsWith(optOut);
      assertThat(text.substring(0, text.length() - optOut.length()).strip())
          .containsPattern(signature);
    } else {
      assertThat(text).containsPattern(signature).doesNotContain("STOP");
    }
  }

  static String render(String language, MessageStep step, Map<String, Object> model) {
    Context context = new Context(Languages.locale(language), model);
    return ENGINE.process(language + "/" + step.code(), context).strip();
  }

  /** The engine the app renders texts with: Spring's (SpEL reads records), in TEXT mode. */
  private static SpringTemplateEngine textEngine() {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix("templates/messages/sms/");
    resolver.setSuffix(".txt");
    resolver.setTemplateMode(TemplateMode.TEXT);
    resolver.setCharacterEncoding("UTF-8");
    resolver.setCheckExistence(true);
    SpringTemplateEngine engine = new SpringTemplateEngine();
    engine.setTemplateResolver(resolver);
    return engine;
  }

  /** A stay at Casa Verde, in the guest's language, built from the app's own records. */
  static final class Sample {

    final String language;
    final boolean en;
    final String guestName;
    final Guest guest;
    final Booking booking;
    final String answer;
    final String deadline;
    final String expectedBy;

    Sample(String language) {
      this.language = language;
      this.en = language.equals("en");
      this.guestName = en ? "Anna Rossi" : "王小明";
      this.guest = new Guest(7, guestName, null, "+393331234567", language);
      this.booking =
          new Booking(
              11,
              1,
              7,
              "BK-2041",
              "direct",
              LocalDate.of(2026, 12, 4),
              LocalDate.of(2026, 12, 6),
              en ? "Garden room" : "花园房",
              2,
              null,
              BookingStatus.CONFIRMED,
              1,
              null,
              Instant.parse("2026-11-01T10:00:00Z"),
              Instant.parse("2026-11-01T10:00:00Z"),
              null);
      this.answer = en ? "Yes, there is free parking right behind the house." : "有的，房子后面就有免费停车位。";
      this.deadline = en ? "today, 18:00" : "今天18:00";
      this.expectedBy = en ? "Tue 24 Nov, 09:00" : "11月24日 星期二 09:00";
    }

    Property property(boolean full) {
      return new Property(
          1,
          "casa-verde",
          "Casa Verde",
          ZoneId.of("Europe/Rome"),
          "en",
          List.of("en", "zh-CN"),
          LocalTime.of(15, 0),
          LocalTime.of(11, 0),
          full ? "host@casaverde.example" : null,
          full ? "+39 0583 123456" : null,
          full ? LocalTime.of(9, 0) : null,
          full ? LocalTime.of(18, 0) : null,
          full ? (en ? "Via Roma 12, Lucca" : "卢卡市罗马路12号") : null,
          full ? "Bus 12 from the station" : null,
          full ? (en ? "Key box left of the door, code 4711." : "门左侧钥匙盒，密码4711。") : null,
          full ? "Bakery on the corner" : null,
          full ? "30%" : null,
          full ? "City tax EUR 2 per night" : null,
          full ? "Free until 7 days before arrival" : null,
          full ? "https://casaverde.example/manual" : null,
          7,
          LocalTime.of(10, 0),
          LocalTime.of(10, 0),
          null);
    }

    Map<String, Object> full(MessageStep step) {
      Map<String, Object> model = common(step, true);
      model.put("carries", java.util.Set.of("check-in-guide", "day-before-reminder"));
      model.put("surveyUrl", "https://casaverde.example/s/4f2a");
      model.put("reviewUrl", "https://g.page/r/casaverde/review");
      model.put("stayDetail", booking.room());
      model.put("answer", answer);
      model.put("staffName", "Marco");
      model.put("reply", en ? "Of course, fresh towels are on their way." : "好的，新毛巾马上送到。");
      model.put("guestMessage", en ? "Could we have more towels?" : "可以多给几条毛巾吗？");
      model.put("answerExpectedBy", expectedBy);
      model.put(
          "request",
          new GuestRequest(
              5,
              11,
              "maintenance",
              en ? "The shower drains slowly" : "淋浴排水很慢",
              "normal",
              "housekeeping",
              null,
              en ? "We have called the plumber." : "我们已经叫了水管工。",
              false,
              deadline,
              "in-progress",
              null,
              Instant.parse("2026-12-05T08:00:00Z")));
      model.put(
          "complaint",
          complaint("discount", "15%", en ? "We moved you to a quiet room." : "已为您换到安静的房间。"));
      return model;
    }

    Map<String, Object> sparse(MessageStep step) {
      Map<String, Object> model = common(step, false);
      model.put("carries", java.util.Set.of());
      model.put("surveyUrl", null);
      model.put("reviewUrl", null);
      model.put("stayDetail", null);
      model.put("answer", answer);
      model.put("staffName", null);
      model.put("answerExpectedBy", null);
      model.put(
          "request",
          new GuestRequest(
              5,
              11,
              "other",
              null,
              "normal",
              null,
              null,
              null,
              null,
              null,
              "open",
              null,
              Instant.now()));
      model.put("complaint", complaint(null, null, null));
      return model;
    }

    /** What this step's text must tell the guest (beyond name and signature). */
    List<String> expected(MessageStep step) {
      return switch (step.code()) {
        case "booking-confirmation" ->
            en
                ? List.of(
                    "BK-2041", "Fri 4 Dec", "Sun 6 Dec", "2 nights", "15:00", "4711", "arrive")
                : List.of("BK-2041", "12月4日", "12月6日", "2晚", "15:00", "4711", "到达");
        case "booking-changed" ->
            en
                ? List.of("BK-2041", "Fri 4 Dec", "Sun 6 Dec")
                : List.of("BK-2041", "12月4日", "12月6日");
        case "check-in-guide" -> List.of(en ? "Via Roma 12" : "罗马路12号", "4711", "15:00");
        case "day-before-reminder" -> List.of("15:00", en ? "arrive" : "到达");
        case "booking-cancellation" -> List.of("BK-2041", en ? "cancelled" : "已取消");
        case "compensation-offer" -> List.of(en ? "quiet room" : "安静的房间", "15%");
        case "inquiry-holding-reply" -> List.of(expectedBy, "09:00", "+39 0583 123456");
        case "inquiry-answer" -> List.of(answer, "Marco");
        case "welcome" -> List.of("https://casaverde.example/manual", "11:00", "+39 0583 123456");
        case "quick-survey", "satisfaction-survey", "satisfaction-survey-reminder" ->
            List.of("https://casaverde.example/s/4f2a");
        case "courtesy-check-in" -> List.of("+39 0583 123456");
        case "request-progress" ->
            en ? List.of("shower", "plumber", deadline) : List.of("淋浴", "水管工", deadline);
        case "thank-you" -> List.of(en ? "Thank you" : "感谢");
        case "staff-reply" -> List.of(en ? "fresh towels" : "新毛巾");
        case "review-request" -> List.of("https://g.page/r/casaverde/review");
        default -> throw new IllegalArgumentException(step.code());
      };
    }

    private Map<String, Object> common(MessageStep step, boolean full) {
      Map<String, Object> model = new HashMap<>();
      model.put("guest", guest);
      model.put("property", property(full));
      if (INQUIRIES.contains(step)) {
        model.put(
            "inquiry",
            new Inquiry(
                3,
                1,
                guestName,
                null,
                guest.phone(),
                language,
                en ? "Is there parking near the house?" : "附近有停车位吗？",
                "open",
                false,
                null,
                full ? answer : null,
                full ? "Marco" : null,
                null,
                null,
                null,
                null,
                Instant.parse("2026-11-23T21:00:00Z"),
                null));
      } else {
        model.put("booking", booking);
        model.put("nights", booking.nights());
      }
      return model;
    }

    private static Complaint complaint(String compensation, String detail, String solution) {
      return new Complaint(
          9,
          11,
          "guest",
          "noise",
          "Loud music from the street",
          true,
          "high",
          "room",
          null,
          null,
          null,
          solution,
          compensation,
          detail,
          compensation != null,
          null,
          null,
          null,
          null,
          null,
          "open",
          null,
          Instant.parse("2026-12-05T08:00:00Z"),
          null);
    }
  }
}
