package org.guestjourney.messaging;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders guest messages from Thymeleaf templates, one per message and language, under {@code
 * templates/messages/email/<language>/<step>.html}. The template's {@code <title>} is the subject.
 * Every value is escaped ({@code th:text}), so nothing a guest typed becomes markup.
 */
@Component
public class MessageRenderer {

  private static final Pattern TITLE = Pattern.compile("<title>(.*?)</title>", Pattern.DOTALL);

  private final ITemplateEngine templates;
  private final TemplateEngine texts = textEngine();

  MessageRenderer(ITemplateEngine templates) {
    this.templates = templates;
  }

  /** SMS and WhatsApp texts: {@code templates/messages/sms/<language>/<step>.txt}, TEXT mode. */
  private static TemplateEngine textEngine() {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix("templates/messages/sms/");
    resolver.setSuffix(".txt");
    resolver.setTemplateMode(TemplateMode.TEXT);
    resolver.setCharacterEncoding("UTF-8");
    resolver.setCacheable(true);
    // the Spring flavour evaluates expressions with SpEL, as the e-mail templates do (records too)
    TemplateEngine engine = new org.thymeleaf.spring6.SpringTemplateEngine();
    engine.setTemplateResolver(resolver);
    return engine;
  }

  public RenderedMessage renderText(MessageStep step, String language, Map<String, Object> model) {
    Context context = new Context(Languages.locale(language), model);
    String text = texts.process(language + "/" + step.code(), context).strip();
    return new RenderedMessage(language, null, null, text);
  }

  /**
   * An e-mail whose text a member of staff wrote: the text as plain paragraphs (escaped), under
   * {@code subject}.
   */
  public RenderedMessage renderEditedEmail(String language, String subject, String text) {
    Context context =
        new Context(
            Languages.locale(language),
            Map.of("language", language, "subject", subject, "text", text));
    String html = templates.process("messages/email/edited", context);
    return new RenderedMessage(language, subject, html);
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
