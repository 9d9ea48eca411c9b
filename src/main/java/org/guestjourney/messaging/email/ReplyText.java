package org.guestjourney.messaging.email;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/**
 * What a guest typed in an e-mail reply: HTML reduced to text, the quoted history ("On … wrote:",
 * "> …", Outlook's "From: … Sent: …", forwarded originals) and the signature cut off, control
 * characters removed and the length limited. When cutting would leave nothing, the whole text is
 * kept: a person reads it rather than nothing.
 */
final class ReplyText {

  /** The most of a reply that is kept. */
  static final int MAX_LENGTH = 5000;

  private ReplyText() {}

  private static final Pattern[] HISTORY = {
    // Gmail, Apple Mail, Thunderbird (the line may wrap once), in a few languages
    Pattern.compile("(?m)^[ \\t]*On\\b[^\\n]{0,200}(?:\\n[^\\n]{0,200})?wrote:[ \\t]*$"),
    Pattern.compile(
        "(?m)^[ \\t]*(?:Le|Am|Il|El|Op)\\b[^\\n]{0,200}(?:\\n[^\\n]{0,200})?"
            + "(?:a écrit|schrieb|ha scritto|escribió|schreef)[^\\n]{0,5}:[ \\t]*$"),
    Pattern.compile("(?m)^[^\\n]{0,200}(?:写道|寫道)[：:][ \\t]*$"),
    Pattern.compile("(?im)^[ \\t]*-{2,}[ \\t]*(?:Original Message|Forwarded message|原始邮件|原始郵件)"),
    Pattern.compile("(?m)^[ \\t]*_{8,}[ \\t]*$"),
    // Outlook: a From: line followed by Sent:/Date:/To: lines
    Pattern.compile(
        "(?im)^[ \\t]*\\*?(?:From|发件人|Von|De|Da)\\*?:[^\\n]*\\n(?:[^\\n]*\\n){0,2}"
            + "[ \\t]*\\*?(?:Sent|Date|To|发送时间|Gesendet|Envoyé|Inviato)\\*?:"),
  };

  private static final Pattern[] SIGNATURE = {
    Pattern.compile("(?m)^-- ?$"),
    Pattern.compile(
        "(?im)^[ \\t]*(?:Sent from my|Sent from Mail for|Get Outlook for|Inviato da|"
            + "Envoyé de mon|Von meinem)\\b[^\\n]*$"),
    Pattern.compile("(?m)^[ \\t]*(?:发自我的|從我的)[^\\n]*$"),
  };

  /** The reply in a text body (preferred) or, without one, an HTML body. */
  static String of(String text, String html) {
    String source = text != null && !text.isBlank() ? text : html == null ? "" : fromHtml(html);
    source = source.replace("\r\n", "\n").replace('\r', '\n');
    source = source.replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "").replace('\t', ' ');
    String reply = cut(source, HISTORY);
    // quoted lines left between the answer's paragraphs
    reply = reply.replaceAll("(?m)^[ \\t]*>[^\\n]*(?:\\n|$)", "");
    reply = cut(reply, SIGNATURE);
    reply = tidy(reply);
    if (reply.isEmpty()) {
      reply = tidy(source);
    }
    return reply.length() > MAX_LENGTH ? reply.substring(0, MAX_LENGTH) + " …" : reply;
  }

  private static String cut(String text, Pattern[] markers) {
    int end = text.length();
    for (Pattern marker : markers) {
      Matcher m = marker.matcher(text);
      if (m.find() && m.start() < end) {
        end = m.start();
      }
    }
    return text.substring(0, end);
  }

  private static String tidy(String text) {
    return text.replaceAll("[ \\t]+\\n", "\n")
        .replaceAll("\\n{3,}", "\n\n")
        .replaceAll("[ \\t]{2,}", " ")
        .strip();
  }

  /** An HTML body as text: quoted blocks and scripts dropped, blocks as lines, tags removed. */
  static String fromHtml(String html) {
    String body = html.replaceAll("(?is)^.*?<body[^>]*>", "").replaceAll("(?is)</body>.*$", "");
    body = body.replaceAll("(?is)<(style|script|head|title)[^>]*>.*?</\\1\\s*>", " ");
    body = body.replaceAll("(?is)<!--.*?-->", " ");
    // Gmail and Outlook put the quoted history in their own blocks
    body =
        body.replaceAll(
            "(?is)<div[^>]*class=\"[^\"]*(?:gmail_quote|moz-cite-prefix|OutlookMessageHeader)"
                + "[^\"]*\"[^>]*>.*$",
            " ");
    body = body.replaceAll("(?is)<div[^>]*id=\"(?:divRplyFwdMsg|appendonsend)\"[^>]*>.*$", " ");
    String previous;
    do {
      previous = body;
      body = body.replaceAll("(?is)<blockquote[^>]*>(?:(?!<blockquote).)*?</blockquote\\s*>", " ");
    } while (!body.equals(previous));
    body =
        body.replaceAll("(?i)<br\\s*/?>", "\n").replaceAll("(?i)</(p|div|li|h\\d|tr)\\s*>", "\n");
    body = body.replaceAll("<[^>]*>", "");
    return HtmlUtils.htmlUnescape(body.replace("&nbsp;", " ")).replace('\u00a0', ' ');
  }
}
