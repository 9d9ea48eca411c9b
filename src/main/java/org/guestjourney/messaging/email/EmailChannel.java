package org.guestjourney.messaging.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.guestjourney.messaging.Channel;
import org.guestjourney.messaging.ChannelType;
import org.guestjourney.messaging.MessagingProperties;
import org.guestjourney.messaging.OutgoingMessage;
import org.guestjourney.messaging.ProviderRejection;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

@Component
class EmailChannel implements Channel {

  static final String OUTBOX_ONLY =
      "Kept in the app only: no SMTP server is configured (set SPRING_MAIL_HOST to deliver e-mail)";

  private final ObjectProvider<JavaMailSender> mailSender;
  private final MessagingProperties properties;

  EmailChannel(ObjectProvider<JavaMailSender> mailSender, MessagingProperties properties) {
    this.mailSender = mailSender;
    this.properties = properties;
  }

  @Override
  public ChannelType type() {
    return ChannelType.EMAIL;
  }

  /** E-mail always works; without SMTP the messages stay readable in the app. */
  @Override
  public java.util.Optional<String> unavailableReason() {
    return java.util.Optional.empty();
  }

  @Override
  public Receipt send(OutgoingMessage message) throws Exception {
    String messageId = messageId(message.idempotencyKey());
    JavaMailSender sender = mailSender.getIfAvailable();
    if (sender == null) {
      return new Receipt(messageId, OUTBOX_ONLY);
    }
    Session session =
        sender instanceof JavaMailSenderImpl impl
            ? impl.getSession()
            : Session.getInstance(new Properties());
    MimeMessage mail = new FixedIdMimeMessage(session, messageId);
    mail.setFrom(new InternetAddress(properties.fromAddress(), message.senderName(), "UTF-8"));
    mail.setRecipient(
        jakarta.mail.Message.RecipientType.TO, new InternetAddress(message.recipient()));
    if (message.replyTo() != null) {
      mail.setReplyTo(new InternetAddress[] {new InternetAddress(message.replyTo())});
    }
    mail.setSubject(message.content().subject(), StandardCharsets.UTF_8.name());
    mail.setText(message.content().htmlBody(), StandardCharsets.UTF_8.name(), "html");
    mail.setHeader("Content-Language", message.content().language());
    mail.setHeader("Auto-Submitted", "auto-generated");
    if (message.unsubscribeUrl() != null) {
      // RFC 8058: one-click unsubscribe, offered by mail clients next to the sender
      mail.setHeader("List-Unsubscribe", "<" + message.unsubscribeUrl() + ">");
      mail.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }
    try {
      sender.send(mail);
    } catch (MailSendException e) {
      Optional<SMTPAddressFailedException> refused = recipientRefused(e);
      if (refused.isPresent() && refused.get().getReturnCode() >= 500) {
        // 5xx to RCPT: the server will never take this address; 4xx passes and is retried
        throw new ProviderRejection(
            String.valueOf(refused.get().getReturnCode()),
            "The mail server refused the recipient: " + refused.get().getMessage().strip(),
            false);
      }
      throw e;
    }
    return new Receipt(messageId, "Accepted by the SMTP server");
  }

  /** The SMTP server's answer to RCPT TO when it refused the recipient, if that was the failure. */
  static Optional<SMTPAddressFailedException> recipientRefused(MailSendException e) {
    List<Exception> causes = new ArrayList<>(e.getFailedMessages().values());
    causes.addAll(List.of(e.getMessageExceptions()));
    causes.add(e);
    for (Exception cause : causes) {
      for (Throwable t = cause; t != null; ) {
        if (t instanceof SMTPAddressFailedException refused) {
          return Optional.of(refused);
        }
        Throwable next =
            t instanceof MessagingException m && m.getNextException() != null
                ? m.getNextException()
                : t.getCause();
        t = next == t ? null : next;
      }
    }
    return Optional.empty();
  }

  /** The same journey step always carries the same Message-ID, so a repeat can be recognised. */
  static String messageId(String idempotencyKey) {
    return "<" + idempotencyKey.replaceAll("[^A-Za-z0-9.-]", ".") + "@guest-journey>";
  }

  private static final class FixedIdMimeMessage extends MimeMessage {
    private final String id;

    FixedIdMimeMessage(Session session, String id) {
      super(session);
      this.id = id;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", id);
    }
  }
}
