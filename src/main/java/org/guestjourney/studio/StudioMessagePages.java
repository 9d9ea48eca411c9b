package org.guestjourney.studio;

import java.util.Map;
import org.guestjourney.messaging.MessageTexts;
import org.guestjourney.messaging.MessageTexts.MessageText;
import org.guestjourney.property.PropertyService;
import org.guestjourney.security.PropertyAccess;
import org.guestjourney.web.InvalidRequestException;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The studio's message pages (managers): which messages a house sends and in which languages a text
 * is missing; the editor of one message in one language, with the variables it may use, a preview
 * on a real booking and the SMS's length.
 */
@Controller
class StudioMessagePages {

  private static final String EDITOR =
      "/studio/messages/{propertyId}/{key:[a-z0-9][a-z0-9-]{0,80}}/{language:[a-zA-Z-]{2,10}}";

  private final StudioMessages messages;
  private final PropertyService properties;
  private final MessageSource words;

  StudioMessagePages(StudioMessages messages, PropertyService properties, MessageSource words) {
    this.messages = messages;
    this.properties = properties;
    this.words = words;
  }

  @GetMapping("/studio/messages")
  String first() {
    return properties.all().stream()
        .filter(p -> PropertyAccess.readable(p.id()))
        .findFirst()
        .map(p -> "redirect:/studio/messages/" + p.id())
        .orElse("redirect:/studio/journeys");
  }

  @GetMapping("/studio/messages/{propertyId}")
  String list(@PathVariable long propertyId, Model model) {
    model.addAttribute("property", messages.property(propertyId));
    model.addAttribute("messages", messages.messages(propertyId));
    return "pages/studio-messages";
  }

  @GetMapping(EDITOR)
  String editor(
      @PathVariable long propertyId,
      @PathVariable String key,
      @PathVariable String language,
      Model model) {
    if (!model.containsAttribute("text")) {
      model.addAttribute(
          "text",
          messages.own(propertyId, key, language).orElse(new MessageText(null, null, null)));
    }
    show(propertyId, key, language, model);
    return "pages/studio-message";
  }

  @PostMapping(EDITOR)
  String saveOrPreview(
      @PathVariable long propertyId,
      @PathVariable String key,
      @PathVariable String language,
      @RequestParam Map<String, String> form,
      Authentication who,
      java.util.Locale locale,
      Model model) {
    MessageText text =
        new MessageText(form.get("emailSubject"), form.get("emailBody"), form.get("smsText"));
    model.addAttribute("text", text);
    try {
      if ("save".equals(form.get("action"))) {
        messages.save(propertyId, key, language, text, who.getName());
        model.addAttribute("saved", words.getMessage("studio.message.saved", null, locale));
      }
      Long booking =
          form.get("bookingId") == null || form.get("bookingId").isBlank()
              ? null
              : Long.valueOf(form.get("bookingId").strip());
      if ("test".equals(form.get("action"))) {
        try {
          StudioMessages.TestSent sent =
              messages.sendTest(
                  propertyId, key, language, text, booking, form.get("channel"), who.getName());
          model.addAttribute(
              "saved",
              words.getMessage("studio.message.testSent", new Object[] {sent.recipient()}, locale));
        } catch (StudioMessages.NoOwnAddressException e) {
          model.addAttribute(
              "problem",
              words.getMessage(
                  "studio.message.noAddress",
                  new Object[] {
                    words.getMessage(
                        "email".equals(e.field())
                            ? "studio.message.emailAddress"
                            : "studio.message.phoneNumber",
                        null,
                        locale)
                  },
                  locale));
        } catch (StudioMessages.TestNotSentException e) {
          model.addAttribute(
              "problem",
              words.getMessage("studio.message.testFailed", new Object[] {e.getMessage()}, locale));
        }
      }
      messages
          .preview(propertyId, key, language, text, booking)
          .ifPresentOrElse(
              p -> model.addAttribute("preview", p),
              () ->
                  model.addAttribute(
                      "problem", words.getMessage("studio.message.nobooking", null, locale)));
    } catch (InvalidRequestException e) {
      model.addAttribute("problem", e.describe());
    } catch (NumberFormatException e) {
      model.addAttribute("problem", words.getMessage("studio.message.badbooking", null, locale));
    }
    show(propertyId, key, language, model);
    return "pages/studio-message";
  }

  private void show(long propertyId, String key, String language, Model model) {
    var property = messages.property(propertyId);
    model.addAttribute("property", property);
    model.addAttribute("key", key);
    model.addAttribute("language", language);
    model.addAttribute("variables", MessageTexts.variables());
    model.addAttribute("languages", messages.coverage(property, key));
  }
}
