package org.guestjourney.messaging;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Renders guest messages from Thymeleaf templates, one per message and language, under {@code
 * templates/messages/email/<language>/<step>.html}. The template's {@code <title>} is the subject.
 * Every value is escaped ({@code th:text}), so nothing a guest typed becomes markup.
 */
@Component
public class MessageRenderer {

  private static final Pattern TITLE = Pattern.compile("<title>(.*?)</title>", Pattern.DOTALL);

  private final ITemplateEngine templates;

  MessageRenderer(ITemplateEngine templates) {
    this.templates = templates;
  }

  public RenderedMessage renderEmail(MessageStep step, String language, Map<String, Object> model) {
    Context context = new Context(Languages.locale(language), model);
    String html = templates.process("messages/email/" + language + "/" + step.code(), context);
    Matcher title = TITLE.matcher(html);
    if (!title.find()) {
      throw new IllegalStateException(
          "Template " + step.code() + " (" + language + ") has no <title>");
    }
    String subject = HtmlUtils.htmlUnescape(title.group(1)).replaceAll("\\s+", " ").strip();
    return new RenderedMessage(language, subject, html);
  }
}
