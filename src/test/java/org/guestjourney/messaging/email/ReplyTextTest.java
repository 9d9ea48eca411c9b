package org.guestjourney.messaging.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What is kept of a guest's e-mail reply: what they typed, not the history or the signature. */
class ReplyTextTest {

  @Test
  void keepsTheAnswerAndDropsGmailsQuotedHistory() {
    String text =
        """
        Hi Anna,

        we will arrive around 22:00, is that ok?

        On Tue, 1 Dec 2026 at 10:00, Casa Verde <house-1+abcdefghijkmnpqr@in.example.com>
        wrote:
        > Dear Marco Rossi,
        > your booking is confirmed.
        """;

    assertThat(ReplyText.of(text, null))
        .isEqualTo("Hi Anna,\n\nwe will arrive around 22:00, is that ok?");
  }

  @Test
  void dropsOutlooksHeaderBlockAndTheSignature() {
    String text =
        "Thanks, see you soon!\r\n-- \r\nMarco Rossi\r\nRossi Consulting\r\n\r\n"
            + "From: Casa Verde <house-1@in.example.com>\r\nSent: Tuesday, 1 December 2026 10:00\r\n"
            + "To: marco@example.com\r\nSubject: Your booking\r\n\r\nDear Marco Rossi";

    assertThat(ReplyText.of(text, null)).isEqualTo("Thanks, see you soon!");
  }

  @Test
  void dropsSentFromMyPhoneAndChineseQuoteHeaders() {
    assertThat(ReplyText.of("好的，谢谢！\n\n发自我的iPhone\n\n在 2026年12月1日，Casa Verde 写道：\n> 您好", null))
        .isEqualTo("好的，谢谢！");
    assertThat(ReplyText.of("Perfect.\n\nSent from my iPhone", null)).isEqualTo("Perfect.");
  }

  @Test
  void reducesHtmlToTextWithoutTheQuotedBlockAndKeepsMarkupAsPlainText() {
    String html =
        "<html><head><style>p{color:red}</style></head><body><div dir=\"ltr\">Can we have a"
            + " <b>cot</b>?<br>Thanks &amp; regards<br>&lt;script&gt;alert(1)&lt;/script&gt;</div>"
            + "<div class=\"gmail_quote\"><div>On Tue wrote:</div><blockquote>Your booking"
            + "</blockquote></div></body></html>";

    assertThat(ReplyText.of(null, html))
        .isEqualTo("Can we have a cot?\nThanks & regards\n<script>alert(1)</script>");
  }

  @Test
  void aReplyThatIsOnlyQuotedIsKeptWholeAndLongOnesAreCut() {
    assertThat(ReplyText.of("> just the old text", null)).isEqualTo("> just the old text");
    String long_ = "a".repeat(ReplyText.MAX_LENGTH + 100);
    assertThat(ReplyText.of(long_, null)).hasSize(ReplyText.MAX_LENGTH + 2).endsWith(" …");
  }

  @Test
  void controlCharactersAreRemoved() {
    assertThat(ReplyText.of("late\u0007 arrival\u001b[31m", null)).isEqualTo("late arrival[31m");
  }
}
