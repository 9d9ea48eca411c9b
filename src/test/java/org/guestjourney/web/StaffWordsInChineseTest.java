package org.guestjourney.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Words made in Java follow the page's language (ADR 0067), read from the app's own bundles: the
 * shipped models' labels and the recorded reasons in Chinese, a manager's own words and a reason of
 * unknown shape as they are, and the English page exactly as before.
 */
class StaffWordsInChineseTest {

  final StaffWords words = new StaffWords(bundles());

  static ResourceBundleMessageSource bundles() {
    ResourceBundleMessageSource source = new ResourceBundleMessageSource();
    source.setBasenames("i18n/staff", "i18n/studio", "i18n/models", "i18n/words");
    source.setDefaultEncoding("UTF-8");
    source.setFallbackToSystemLocale(false);
    return source;
  }

  @AfterEach
  void resetLocale() {
    LocaleContextHolder.resetLocaleContext();
  }

  @Test
  void theShippedModelsLabelsAreChineseAndAManagersOwnLabelStaysAsWritten() {
    LocaleContextHolder.setLocale(PageLocale.CHINESE);

    assertThat(words.label("Urgent: call the guest now")).isEqualTo("紧急：立即致电客人");
    assertThat(words.label("Before arrival")).isEqualTo("到达前");
    assertThat(words.label("email sent")).isEqualTo("电子邮件已发送");
    assertThat(words.label("Call the neighbour about the parking"))
        .isEqualTo("Call the neighbour about the parking");
    assertThat(words.labels(List.of("front-desk", "housekeeping"))).isEqualTo("前台、客房部");
    assertThat(words.condition("if Arrival time known? no, No answer after 3 days comes first"))
        .isEqualTo("如果已知到达时间？否，3 天后仍未回答先发生");
    assertThat(words.condition("if Parking free? yes")).isEqualTo("if Parking free? yes");
  }

  @Test
  void aRecordedReasonOfAKnownShapeIsChineseAnyOtherIsShownAsRecorded() {
    LocaleContextHolder.setLocale(PageLocale.CHINESE);

    assertThat(words.reason("Its moment had passed; it went with the booking confirmation"))
        .isEqualTo("它的时间已过，已随预订确认一起发出");
    assertThat(
            words.reason(
                "Spaced out: another message went to this guest a moment ago; goes at"
                    + " 2026-12-01 20:01 CET"))
        .isEqualTo("错开发送：刚刚已有另一条消息发给这位客人；将于 2026-12-01 20:01 CET 发送");
    assertThat(
            words.reason(
                "No way to reach the guest: email: the guest has no e-mail address; sms: SMS/WhatsApp"
                    + " disabled: no Twilio account configured (GUEST_JOURNEY_TWILIO_ACCOUNTSID)"))
        .isEqualTo(
            "无法联系到客人：电子邮件：客人没有电子邮件地址；短信：短信/WhatsApp 已停用：尚未设置 Twilio"
                + " 账户——由负责运行本系统的人设置（见 README 的“Configuration”一节）");
    assertThat(words.reason("The provider said something new"))
        .isEqualTo("The provider said something new");
    assertThat(words.refusal("messageBudget must be between 2 and 30", "settings."))
        .isEqualTo("“每次住宿应收到的自动消息数（旅程会合并步骤或省略可选步骤以控制在此数量内）”：须在 2 到 30 之间");
  }

  @Test
  void theEnglishPageReadsAsBefore() {
    LocaleContextHolder.setLocale(PageLocale.ENGLISH);

    assertThat(words.label("Urgent: call the guest now")).isEqualTo("Urgent: call the guest now");
    assertThat(words.reason("Its moment had passed; it went with the booking confirmation"))
        .isEqualTo("Its moment had passed; it went with the booking confirmation");
    assertThat(words.refusal("messageBudget must be between 2 and 30", "settings."))
        .isEqualTo("messageBudget must be between 2 and 30");
    assertThat(words.when(Instant.parse("2026-12-01T09:00:00Z"), ZoneId.of("Europe/Rome")))
        .isEqualTo("Tue 1 Dec 2026, 10:00 Europe/Rome");
    assertThat(words.say("plan.if", "Arrival time known? no"))
        .isEqualTo("if Arrival time known? no");
  }

  @Test
  void timesKeepTheirZoneInChinese() {
    LocaleContextHolder.setLocale(PageLocale.CHINESE);

    assertThat(words.when(Instant.parse("2026-12-01T09:00:00Z"), ZoneId.of("Asia/Shanghai")))
        .isEqualTo("2026年12月1日 周二 17:00 Asia/Shanghai");
  }
}
