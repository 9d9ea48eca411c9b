package org.guestjourney.property;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class PropertyRepository {

  private final JdbcClient jdbc;

  PropertyRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Property> findById(long id) {
    return jdbc.sql("select * from property where id = ?").param(id).query(this::map).optional();
  }

  public Optional<Property> findByCode(String code) {
    return jdbc.sql("select * from property where code = ?")
        .param(code)
        .query(this::map)
        .optional();
  }

  public JourneySettings settings(long propertyId) {
    return jdbc.sql("select * from property where id = ?")
        .param(propertyId)
        .query((rs, n) -> settingsFromRow(rs))
        .single();
  }

  /** The house's journey settings from a row of {@code property} or a joined read. */
  public JourneySettings settingsFromRow(ResultSet rs) throws SQLException {
    return new JourneySettings(
        java.time.Duration.ofMinutes(rs.getInt("inquiry_answer_within_minutes")),
        rs.getObject("quick_survey_send_time", LocalTime.class),
        rs.getObject("courtesy_check_in_send_time", LocalTime.class),
        java.time.Duration.ofHours(rs.getInt("thank_you_hours_after_checkout")),
        rs.getObject("satisfaction_survey_send_time", LocalTime.class),
        rs.getInt("survey_reminder_after_days"),
        rs.getInt("review_request_after_days"),
        rs.getInt("phone_follow_up_within_days"),
        rs.getString("review_url"),
        rs.getObject("quiet_hours_start", LocalTime.class),
        rs.getObject("quiet_hours_end", LocalTime.class),
        rs.getInt("max_messages_per_day"),
        rs.getInt("max_messages_per_stay"),
        java.time.Duration.ofMinutes(rs.getInt("whatsapp_fallback_minutes")),
        rs.getInt("message_budget"));
  }

  /** A property from a row of {@code property} or a joined read. */
  public Property fromRow(ResultSet rs) throws SQLException {
    return map(rs, 0);
  }

  void updateSettings(long propertyId, SettingsRequest s) {
    jdbc.sql(
            """
            update property set inquiry_answer_within_minutes = :inquiry,
              quick_survey_send_time = :quickSurvey, courtesy_check_in_send_time = :courtesy,
              thank_you_hours_after_checkout = :thankYou,
              satisfaction_survey_send_time = :satisfaction,
              survey_reminder_after_days = :reminder, review_request_after_days = :review,
              phone_follow_up_within_days = :phone, review_url = :reviewUrl,
              quiet_hours_start = :quietStart, quiet_hours_end = :quietEnd,
              max_messages_per_day = :perDay, max_messages_per_stay = :perStay,
              whatsapp_fallback_minutes = :fallback,
              message_budget = coalesce(:budget, message_budget),
              check_in_guide_days_before = coalesce(:guideDays, check_in_guide_days_before),
              check_in_guide_send_time = coalesce(:guideTime, check_in_guide_send_time),
              day_before_reminder_send_time = coalesce(:dayBefore, day_before_reminder_send_time)
             where id = :id
            """)
        .param("inquiry", s.inquiryAnswerWithinMinutes())
        .param("quickSurvey", s.quickSurveySendTime())
        .param("courtesy", s.courtesyCheckInSendTime())
        .param("thankYou", s.thankYouHoursAfterCheckOut())
        .param("satisfaction", s.satisfactionSurveySendTime())
        .param("reminder", s.surveyReminderAfterDays())
        .param("review", s.reviewRequestAfterDays())
        .param("phone", s.phoneFollowUpWithinDays())
        .param(
            "reviewUrl",
            s.reviewUrl() == null || s.reviewUrl().isBlank() ? null : s.reviewUrl().strip())
        .param("quietStart", s.quietHoursStart())
        .param("quietEnd", s.quietHoursEnd())
        .param("perDay", s.maxMessagesPerDay())
        .param("perStay", s.maxMessagesPerStay())
        .param("fallback", s.whatsappFallbackMinutes())
        .param("budget", s.messageBudget())
        .param("guideDays", s.checkInGuideDaysBefore())
        .param("guideTime", s.checkInGuideSendTime())
        .param("dayBefore", s.dayBeforeReminderSendTime())
        .param("id", propertyId)
        .update();
  }

  /** The house's logo for the guest pages (an https:// address), if it has one. */
  public Optional<String> logoUrl(long propertyId) {
    return jdbc.sql("select logo_url from property where id = ?")
        .param(propertyId)
        .query((rs, n) -> Optional.ofNullable(rs.getString(1)))
        .optional()
        .flatMap(o -> o);
  }

  public List<Property> findAll() {
    return jdbc.sql("select * from property order by name").query(this::map).list();
  }

  long insert(PropertyRequest p) {
    return jdbc.sql(
            """
            insert into property (code, name, time_zone, default_language, languages,
              check_in_time, check_out_time, contact_email, contact_phone,
              working_hours_start, working_hours_end, address, directions, key_handover,
              local_tips, deposit_terms, extra_fees, cancellation_policy, house_manual_url,
              check_in_guide_days_before, check_in_guide_send_time, day_before_reminder_send_time)
            values (:code, :name, :timeZone, :defaultLanguage, :languages,
              :checkInTime, :checkOutTime, :contactEmail, :contactPhone,
              :workingHoursStart, :workingHoursEnd, :address, :directions, :keyHandover,
              :localTips, :depositTerms, :extraFees, :cancellationPolicy, :houseManualUrl,
              :checkInGuideDaysBefore, :checkInGuideSendTime, :dayBeforeReminderSendTime)
            returning id
            """)
        .param("code", p.code())
        .param("name", p.name())
        .param("timeZone", p.timeZone())
        .param("defaultLanguage", p.defaultLanguage())
        .param("languages", String.join(",", p.languagesOrDefault()))
        .param("checkInTime", p.checkInTimeOrDefault())
        .param("checkOutTime", p.checkOutTimeOrDefault())
        .param("contactEmail", p.contactEmail())
        .param("contactPhone", p.contactPhone())
        .param("workingHoursStart", orDefault(p.workingHoursStart(), LocalTime.of(8, 0)))
        .param("workingHoursEnd", orDefault(p.workingHoursEnd(), LocalTime.of(20, 0)))
        .param("address", p.address())
        .param("directions", p.directions())
        .param("keyHandover", p.keyHandover())
        .param("localTips", p.localTips())
        .param("depositTerms", p.depositTerms())
        .param("extraFees", p.extraFees())
        .param("cancellationPolicy", p.cancellationPolicy())
        .param("houseManualUrl", p.houseManualUrl())
        .param("checkInGuideDaysBefore", orDefault(p.checkInGuideDaysBefore(), 3))
        .param("checkInGuideSendTime", orDefault(p.checkInGuideSendTime(), LocalTime.of(10, 0)))
        .param(
            "dayBeforeReminderSendTime",
            orDefault(p.dayBeforeReminderSendTime(), LocalTime.of(10, 0)))
        .query(Long.class)
        .single();
  }

  private static <T> T orDefault(T value, T fallback) {
    return value != null ? value : fallback;
  }

  private Property map(ResultSet rs, int row) throws SQLException {
    return new Property(
        rs.getLong("id"),
        rs.getString("code"),
        rs.getString("name"),
        ZoneId.of(rs.getString("time_zone")),
        rs.getString("default_language"),
        Arrays.asList(rs.getString("languages").split(",")),
        rs.getObject("check_in_time", LocalTime.class),
        rs.getObject("check_out_time", LocalTime.class),
        rs.getString("contact_email"),
        rs.getString("contact_phone"),
        rs.getObject("working_hours_start", LocalTime.class),
        rs.getObject("working_hours_end", LocalTime.class),
        rs.getString("address"),
        rs.getString("directions"),
        rs.getString("key_handover"),
        rs.getString("local_tips"),
        rs.getString("deposit_terms"),
        rs.getString("extra_fees"),
        rs.getString("cancellation_policy"),
        rs.getString("house_manual_url"),
        rs.getInt("check_in_guide_days_before"),
        rs.getObject("check_in_guide_send_time", LocalTime.class),
        rs.getObject("day_before_reminder_send_time", LocalTime.class),
        rs.getString("wifi_details"));
  }
}
