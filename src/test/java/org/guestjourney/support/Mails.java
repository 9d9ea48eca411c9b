package org.guestjourney.support;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/** Reads the text of received e-mails. */
public final class Mails {

  private Mails() {}

  public static String body(MimeMessage message) throws Exception {
    return text(message);
  }

  /** What the guest reads: the body without markup, entities decoded, whitespace collapsed. */
  public static String visibleText(MimeMessage message) throws Exception {
    String html = body(message).replaceAll("(?s)<head>.*?</head>", " ");
    return org.springframework.web.util.HtmlUtils.htmlUnescape(html.replaceAll("<[^>]+>", " "))
        .replaceAll("\\s+", " ")
        .replaceAll(" ([,，：。])", "$1")
        .strip();
  }

  private static String text(Part part) throws Exception {
    Object content = part.getContent();
    if (content instanceof String s) {
      return s;
    }
    if (content instanceof Multipart multipart) {
      StringBuilder all = new StringBuilder();
      for (int i = 0; i < multipart.getCount(); i++) {
        all.append(text(multipart.getBodyPart(i)));
      }
      return all.toString();
    }
    return "";
  }
}
