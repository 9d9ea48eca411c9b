package org.guestjourney.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.guestjourney.booking.BookingRequest;
import org.guestjourney.booking.BookingRequest.GuestDetails;
import org.guestjourney.booking.BookingService;
import org.guestjourney.complaint.ComplaintRequest;
import org.guestjourney.complaint.ComplaintService;
import org.guestjourney.inquiry.InquiryRequest;
import org.guestjourney.inquiry.InquiryService;
import org.guestjourney.property.Property;
import org.guestjourney.property.PropertyRequest;
import org.guestjourney.property.PropertyService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

@Component
@ConditionalOnProperty(name = "guest-journey.demo-data", havingValue = "true")
class DemoData {

  private static final Logger log = LoggerFactory.getLogger(DemoData.class);

  private final PropertyService properties;
  private final BookingService bookings;
  private final ComplaintService complaints;
  private final InquiryService inquiries;
  private final DemoHistory history;
  private final Clock clock;

  DemoData(
      PropertyService properties,
      BookingService bookings,
      ComplaintService complaints,
      InquiryService inquiries,
      DemoHistory history,
      Clock clock) {
    this.properties = properties;
    this.bookings = bookings;
    this.complaints = complaints;
    this.inquiries = inquiries;
    this.history = history;
    this.clock = clock;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(100)
  void load() {
    Property casaVerde =
        properties.register(
            new PropertyRequest(
                "casa-verde",
                "Casa Verde B&B",
                "Europe/Rome",
                "en",
                List.of("en"),
                LocalTime.of(15, 0),
                LocalTime.of(10, 30),
                "ciao@casaverde.example",
                "+390612345678",
                LocalTime.of(8, 0),
                LocalTime.of(20, 0),
                "Via dei Giardini 12, 00153 Roma",
                "From Termini station: tram 8 to Trastevere/Mastai, then 4 minutes on foot.\n"
                    + "By car: paid parking at Piazza Ippolito Nievo.",
                "Self check-in: the key box is left of the green door; its code comes the day"
                    + " before arrival.",
                "Breakfast tip: Forno Trastevere at the corner opens at 7:00.",
                "30% on booking, refundable until the cancellation deadline",
                "City tax €3.50 per person per night, paid on arrival",
                "Free cancellation up to 7 days before arrival",
                null,
                3,
                LocalTime.of(10, 0),
                LocalTime.of(10, 0)));
    Property shanShe =
        properties.register(
            new PropertyRequest(
                "shan-she",
                "山舍民宿",
                "Asia/Shanghai",
                "zh-CN",
                List.of("zh-CN", "en"),
                LocalTime.of(14, 0),
                LocalTime.of(12, 0),
                "hello@shanshe.example",
                "+8657188886666",
                LocalTime.of(9, 0),
                LocalTime.of(21, 0),
                "浙江省杭州市西湖区龙井路88号",
                "地铁：乘坐地铁至龙翔桥站，转乘27路公交车至龙井村站，步行5分钟。\n自驾：导航“山舍民宿”，院内有停车位。",
                "到达前一天我们会发送门锁密码；管家会在院门口迎接您。",
                "推荐：村口的龙井茶馆和山脚下的杭帮菜馆。",
                "预付50%定金",
                "无",
                "入住前3天可免费取消",
                null,
                2,
                LocalTime.of(9, 30),
                LocalTime.of(18, 0)));
    // "today" at each house: between midnight in Rome and midnight UTC the server's date is
    // already yesterday there, and a stay arriving "today" would be refused as in the past
    LocalDate today = LocalDate.ofInstant(clock.instant(), casaVerde.timeZone());
    LocalDate todayInHangzhou = LocalDate.ofInstant(clock.instant(), shanShe.timeZone());
    book(
        casaVerde,
        "DEMO-1001",
        "Emma Schmidt",
        "emma.schmidt@example.com",
        "+4915112345678",
        "en",
        today.plusDays(2),
        2,
        "Arriving late, around 22:00");
    book(
        casaVerde,
        "DEMO-1002",
        "Marco Rossi",
        "marco.rossi@example.com",
        null,
        "en",
        today.plusDays(6),
        3,
        null);
    book(
        shanShe,
        "DEMO-2001",
        "王小明",
        "xiaoming.wang@example.com",
        "+8613800138000",
        "zh-CN",
        todayInHangzhou.plusDays(4),
        2,
        "需要一张婴儿床");
    // a guest in the house today with a complaint, and a question from a prospective guest:
    // the tasklist has work from the first minute
    long inHouse =
        book(
            casaVerde,
            "DEMO-1003",
            "Lena Berger",
            "lena.berger@example.com",
            "+436641234567",
            "en",
            today,
            3,
            "Quiet room, please");
    if (complaints.forBooking(inHouse).isEmpty()) {
      complaints.raise(
          new ComplaintRequest(inHouse, "noise", "Loud music from the street until 2 am", "guest"));
    }
    // once: the demo data loads at every start, on data kept from the last run
    if (!inquiries.askedBefore(casaVerde.id(), "tom.walker@example.com")) {
      inquiries.receive(
          new InquiryRequest(
              casaVerde.id(),
              "Tom Walker",
              "tom.walker@example.com",
              null,
              "en",
              "Hello! Do you have a room for two adults and a baby from 12 to 15 May? Is there a cot?"));
    }
    history.load(casaVerde);
    log.info(
        "Demo data loaded: open http://localhost:8080/ (sign in as frontdesk/frontdesk or"
            + " manager/manager) to follow the journeys and work the tasks");
  }

  private long book(
      Property property,
      String reference,
      String name,
      String email,
      String phone,
      String language,
      LocalDate arrival,
      int nights,
      String requests) {
    return bookings
        .create(
            new BookingRequest(
                property.id(),
                reference,
                "demo",
                arrival,
                arrival.plusDays(nights),
                null,
                2,
                requests,
                new GuestDetails(name, email, phone, language)))
        .booking()
        .id();
  }
}
