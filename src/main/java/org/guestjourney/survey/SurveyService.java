package org.guestjourney.survey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.guestjourney.complaint.ComplaintRequest;
import org.guestjourney.complaint.ComplaintService;
import org.guestjourney.forms.CamundaForms;
import org.guestjourney.outbox.EngineOutbox;
import org.guestjourney.web.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

@Service
public class SurveyService {

  static final String FOLLOW_UP_DECISION = "survey-follow-up";

  /** Message to the guest's journey: a survey answer scored low (correlation key: booking id). */
  public static final String MESSAGE_LOW_SCORE_ANSWERED = "low-score-answered";

  private static final Logger log = LoggerFactory.getLogger(SurveyService.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Which complaint category a low score on a question points to. */
  private static final Map<String, String> CATEGORY =
      Map.of(
          "firstNight", "room",
          "roomAsExpected", "room",
          "room", "room",
          "cleanliness", "cleanliness",
          "staff", "staff",
          "services", "breakfast",
          "value", "value");

  private final JdbcClient jdbc;
  private final CamundaForms forms;
  private final SurveyEngine engine;
  private final ComplaintService complaints;
  private final ObjectMapper json;
  private final org.springframework.context.ApplicationEventPublisher events;
  private final String publicBaseUrl;
  private final EngineOutbox outbox;
  private final TransactionTemplate transactions;
  private final Clock clock;

  SurveyService(
      JdbcClient jdbc,
      CamundaForms forms,
      SurveyEngine engine,
      ComplaintService complaints,
      ObjectMapper json,
      org.springframework.context.ApplicationEventPublisher events,
      @Value("${guest-journey.public-base-url:http://localhost:8080}") String publicBaseUrl,
      EngineOutbox outbox,
      TransactionTemplate transactions,
      Clock clock) {
    this.outbox = outbox;
    this.transactions = transactions;
    this.jdbc = jdbc;
    this.forms = forms;
    this.engine = engine;
    this.complaints = complaints;
    this.json = json;
    this.events = events;
    this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
    this.clock = clock;
  }

  /** A new link for the guest of the booking; only the token's hash is stored. */
  public String invite(long bookingId, SurveyKind kind, String language) {
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Instant now = clock.instant();
    jdbc.sql(
            """
            insert into survey_invitation (token_hash, booking_id, kind, language, expires_at, created_at)
            values (?, ?, ?, ?, ?, ?)
            """)
        .params(
            hash(token),
            bookingId,
            kind.name(),
            language,
            Timestamp.from(now.plus(kind.validFor())),
            Timestamp.from(now))
        .update();
    return publicBaseUrl + "/survey/" + token;
  }

  /** The invitation behind a token, if the token is genuine (expired ones included). */
  public Optional<Invitation> find(String token) {
    if (token == null || token.length() < 20 || token.length() > 100) {
      return Optional.empty();
    }
    return jdbc.sql("select * from survey_invitation where token_hash = ?")
        .param(hash(token))
        .query(SurveyService::invitation)
        .optional();
  }

  private Invitation byId(long id) {
    return jdbc.sql("select * from survey_invitation where id = ?")
        .param(id)
        .query(SurveyService::invitation)
        .single();
  }

  private static Invitation invitation(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new Invitation(
        rs.getLong("id"),
        rs.getLong("booking_id"),
        SurveyKind.valueOf(rs.getString("kind")),
        rs.getString("language"),
        rs.getTimestamp("expires_at").toInstant(),
        rs.getTimestamp("answered_at") == null ? null : rs.getTimestamp("answered_at").toInstant(),
        rs.getString("answers"),
        rs.getString("draft"));
  }

  private Map<String, Object> read(String answers) {
    try {
      return answers == null
          ? Map.of()
          : json.readValue(answers, new TypeReference<Map<String, Object>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The open invitation behind a token; a forged or expired one is "not found". */
  public Invitation open(String token) {
    return find(token)
        .filter(i -> !i.expired(clock.instant()))
        .orElseThrow(() -> new NotFoundException("This survey link is not valid any more"));
  }

  /** Whether the answers called for someone to get in touch (the follow-up table's complaint). */
  public boolean followsUp(Invitation invitation) {
    return jdbc.sql("select low_score_at is not null from survey_invitation where id = ?")
        .param(invitation.id())
        .query(Boolean.class)
        .single();
  }

  public String formKey(Invitation invitation) {
    return invitation.kind().formKey(invitation.language());
  }

  /**
   * What the form shows when the guest opens the link: the answers they typed but did not send (a
   * draft), else the answers they sent.
   */
  public Map<String, Object> previousAnswers(Invitation invitation) {
    String saved = invitation.draft() != null ? invitation.draft() : invitation.answers();
    if (saved == null) {
      return Map.of();
    }
    try {
      return json.readValue(saved, new TypeReference<Map<String, Object>>() {});
    } catch (JsonProcessingException e) {
      return Map.of();
    }
  }

  /**
   * Keeps answers typed but not sent, so the guest finds them when they come back. Only the form's
   * fields are kept, unchecked (a draft may be incomplete); a draft is never an answer: it does not
   * reach the journey and does not count in the numbers.
   */
  public void saveDraft(String token, Map<String, Object> typed) {
    Invitation invitation = open(token);
    Map<String, Object> draft = forms.keepFields(formKey(invitation), typed);
    jdbc.sql("update survey_invitation set draft = ?, draft_saved_at = ? where id = ?")
        .params(write(draft), Timestamp.from(clock.instant()), invitation.id())
        .update();
  }

  /**
   * Records the answers (answering again updates them) and tells the guest's journey; when the
   * follow-up table says the scores call for a complaint (first answer only), the journey hears of
   * it as {@value #MESSAGE_LOW_SCORE_ANSWERED} and its model opens the complaint.
   */
  public void answer(String token, Map<String, Object> submitted) {
    Invitation invitation = open(token);
    Map<String, Object> answers = forms.apply(formKey(invitation), submitted);
    boolean first = invitation.answeredAt() == null;
    // the answer and the message that tells the journey (first answer only) commit together; the
    // outbox sends the message (its id makes a retry one message), the guest never waits on it
    transactions.executeWithoutResult(
        tx -> {
          jdbc.sql(
                  "update survey_invitation set answers = ?, answered_at = ?, draft = null, draft_saved_at = null where id = ?")
              .params(write(answers), Timestamp.from(clock.instant()), invitation.id())
              .update();
          if (first) {
            outbox.publishMessage(
                invitation.kind().answeredMessage(),
                Long.toString(invitation.bookingId()),
                "survey/" + invitation.id(),
                Duration.ofDays(1),
                invitation.bookingId());
          }
        });
    Object freeText = answers.get(invitation.kind().freeTextField());
    events.publishEvent(
        new SurveyAnswered(
            invitation.id(),
            invitation.bookingId(),
            invitation.kind(),
            first,
            freeText == null ? null : freeText.toString()));
    if (!first) {
      return;
    }
    followUp(invitation, answers);
  }

  private void followUp(Invitation invitation, Map<String, Object> answers) {
    if (complaintFor(invitation, answers).isPresent()) {
      handOver(invitation);
    }
  }

  /** The complaint the follow-up table calls for, if it does. */
  private Optional<ComplaintRequest> complaintFor(
      Invitation invitation, Map<String, Object> answers) {
    String lowestKey = null;
    int lowest = 5;
    for (String key : CATEGORY.keySet()) {
      Object v = answers.get(key);
      if (v != null && Integer.parseInt(v.toString()) <= lowest) {
        lowest = Integer.parseInt(v.toString());
        lowestKey = key;
      }
    }
    int recommend =
        answers.get("recommend") == null
            ? 10
            : Integer.parseInt(answers.get("recommend").toString());
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("lowestScore", lowest);
    inputs.put("recommend", recommend);
    String output = engine.evaluate(FOLLOW_UP_DECISION, inputs);
    if (!"true".equals(output)) {
      return Optional.empty();
    }
    String said = (String) answers.getOrDefault("comments", answers.get("fixToday"));
    if (said != null && said.length() > 1500) {
      said = said.substring(0, 1500) + "…";
    }
    String description =
        (said == null || said.isBlank() ? "" : said + " — ")
            + "low score in the "
            + invitation.kind().name().toLowerCase()
            + " survey"
            + (lowestKey == null ? "" : " (" + lowestKey + " " + lowest + "/5")
            + (lowestKey == null ? "" : ")")
            + ", would recommend "
            + recommend
            + "/10";
    String category = lowestKey == null || lowest > 2 ? "other" : CATEGORY.get(lowestKey);
    return Optional.of(
        new ComplaintRequest(invitation.bookingId(), category, description, "survey"));
  }

  /**
   * The follow-up table calls for a complaint: the answer is marked, and the guest's journey is
   * told by the message {@value #MESSAGE_LOW_SCORE_ANSWERED} (through the engine outbox, in the
   * same transaction). The journey's model decides what follows; the shipped in-stay and post-stay
   * journeys open a complaint ({@link #openComplaints}).
   */
  private void handOver(Invitation invitation) {
    transactions.executeWithoutResult(
        tx -> {
          int marked =
              jdbc.sql(
                      "update survey_invitation set low_score_at = ? where id = ?"
                          + " and low_score_at is null")
                  .params(Timestamp.from(clock.instant()), invitation.id())
                  .update();
          if (marked == 1) {
            outbox.publishMessage(
                MESSAGE_LOW_SCORE_ANSWERED,
                Long.toString(invitation.bookingId()),
                "low-score/" + invitation.id(),
                Duration.ofHours(1),
                invitation.bookingId());
          }
        });
    log.info(
        "Survey {} of booking {} scored low: handed to the journey",
        invitation.id(),
        invitation.bookingId());
  }

  /**
   * Opens a complaint for each of the booking's low-scored answers that has none yet (the journey's
   * "Open a complaint" step). Each is claimed first, so a retried step or a second replica opens it
   * once; a complaint that could not be opened is released for the retry.
   */
  public List<Long> openComplaints(long bookingId) {
    List<Long> opened = new java.util.ArrayList<>();
    List<Long> due =
        jdbc.sql(
                "select id from survey_invitation where booking_id = ? and low_score_at is not null"
                    + " and complaint_opened_at is null order by id")
            .param(bookingId)
            .query(Long.class)
            .list();
    for (long id : due) {
      int claimed =
          jdbc.sql(
                  "update survey_invitation set complaint_opened_at = ? where id = ?"
                      + " and complaint_opened_at is null")
              .params(Timestamp.from(clock.instant()), id)
              .update();
      if (claimed != 1) {
        continue;
      }
      try {
        Invitation invitation = byId(id);
        Map<String, Object> answers = read(invitation.answers());
        Optional<ComplaintRequest> request = complaintFor(invitation, answers);
        if (request.isEmpty()) {
          continue;
        }
        long complaintId = complaints.raise(request.get()).id();
        jdbc.sql("update survey_invitation set complaint_id = ? where id = ?")
            .params(complaintId, id)
            .update();
        opened.add(complaintId);
        log.info("Survey {} of booking {} opened complaint {}", id, bookingId, complaintId);
      } catch (RuntimeException e) {
        jdbc.sql("update survey_invitation set complaint_opened_at = null where id = ?")
            .param(id)
            .update();
        throw e;
      }
    }
    return opened;
  }

  private String write(Map<String, Object> answers) {
    try {
      return json.writeValueAsString(answers);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
