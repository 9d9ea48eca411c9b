package org.guestjourney.messaging;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.guestjourney.property.Languages;
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
  private final TemplateEngine texts;
  private final java.nio.file.Path directory;
  private final MessageTexts own;

  MessageRenderer(MessagingProperties settings, MessageTexts own) {
    this.own = own;
    java.nio.file.Path dir = settings.templatesDirectory();
    this.directory = dir;
    this.templates = engine(dir, "", "templates/", ".html", TemplateMode.HTML);
    this.texts = engine(dir, "sms/", "templates/messages/sms/", ".txt", TemplateMode.TEXT);
  }

  /**
   * E-mails from {@code messages/email/<language>/<step>.html}, SMS and WhatsApp texts from {@code
   * messages/sms/<language>/<step>.txt}: first in the configured templates directory (if any), then
   * in the packaged ones.
   */
  private static TemplateEngine engine(
      java.nio.file.Path dir,
      String dirPrefix,
      String classpathPrefix,
      String suffix,
      TemplateMode mode) {
    // the Spring flavour evaluates expressions with SpEL (records too)
    var engine = new org.thymeleaf.spring6.SpringTemplateEngine();
    // expressions used again and again (every message of a kind) are compiled to bytecode; one
    // that cannot be compiled is interpreted as before (SpEL's mixed mode)
    engine.setEnableSpringELCompiler(true);
    int order = 1;
    if (dir != null) {
      String root = dir.toAbsolutePath().normalize() + "/";
      // the folder mirrors the packaged layout without its "messages/" level:
      // email/<language>/<step>.html and sms/<language>/<step>.txt
      var files =
          new org.thymeleaf.templateresolver.FileTemplateResolver() {
            @Override
            protected org.thymeleaf.templateresource.ITemplateResource computeTemplateResource(
                org.thymeleaf.IEngineConfiguration configuration,
                String ownerTemplate,
                String template,
                String resourceName,
                String characterEncoding,
                java.util.Map<String, Object> attributes) {
              return super.computeTemplateResource(
                  configuration,
                  ownerTemplate,
                  template,
                  resourceName.replace(root + "messages/", root),
                  characterEncoding,
                  attributes);
            }
          };
      files.setPrefix(root + dirPrefix);
      files.setSuffix(suffix);
      files.setTemplateMode(mode);
      files.setCharacterEncoding("UTF-8");
      files.setCheckExistence(true);
      files.setCacheable(false);
      files.setOrder(order++);
      engine.addTemplateResolver(files);
    }
    ClassLoaderTemplateResolver packaged = new ClassLoaderTemplateResolver();
    packaged.setPrefix(classpathPrefix);
    packaged.setSuffix(suffix);
    packaged.setTemplateMode(mode);
    packaged.setCharacterEncoding("UTF-8");
    packaged.setCacheable(true);
    packaged.setOrder(order);
    engine.addTemplateResolver(packaged);
    return engine;
  }

  /**
   * Whether message {@code key} has a template in {@code language} for {@code email} (else SMS /
   * WhatsApp text): in the templates directory or packaged.
   */
  public boolean hasTemplate(String key, String language, boolean email) {
    if (!key.matches("[a-z0-9][a-z0-9-]{0,80}") || !Languages.isSupported(language)) {
      return false;
    }
    String file = (email ? "email/" : "sms/") + language + "/" + key + (email ? ".html" : ".txt");
    if (directory != null && java.nio.file.Files.isRegularFile(directory.resolve(file))) {
      return true;
    }
    return MessageRenderer.class.getClassLoader().getResource("templates/messages/" + file) != null;
  }

  public RenderedMessage renderText(MessageStep step, String language, Map<String, Object> model) {
    var custom =
        own.forModel(step.code(), language, model).filter(MessageTexts.MessageText::hasSms);
    if (custom.isPresent()) {
      return new RenderedMessage(
          language, null, null, MessageTexts.fill(custom.get().smsText(), model).strip());
    }
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
    // the house's own text, if the manager wrote one: plain text, escaped like staff's rewrites
    var custom =
        own.forModel(step.code(), language, model).filter(MessageTexts.MessageText::hasEmail);
    if (custom.isPresent()) {
      return renderEditedEmail(
          language,
          MessageTexts.fill(custom.get().emailSubject(), model).replaceAll("\\s+", " ").strip(),
          MessageTexts.fill(custom.get().emailBody(), model));
    }
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
