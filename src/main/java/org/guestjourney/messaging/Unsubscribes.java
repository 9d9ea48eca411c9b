package org.guestjourney.messaging;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.guestjourney.privacy.ContactCipher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One-click unsubscribe (RFC 8058) from surveys and review requests by e-mail. Links carry the
 * address and an HMAC of it, so they cannot be forged or used for another address; the key is
 * generated once in the database and shared by every replica.
 */
@Component
public class Unsubscribes {

  private final JdbcClient jdbc;
  private final ContactCipher cipher;
  private final String publicBaseUrl;
  private volatile byte[] key;

  Unsubscribes(
      JdbcClient jdbc,
      ContactCipher cipher,
      @Value("${guest-journey.public-base-url:http://localhost:8080}") String publicBaseUrl) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
  }

  /** The link for {@code address}, to put in List-Unsubscribe. */
  public String urlFor(String address) {
    return publicBaseUrl + "/unsubscribe/" + tokenFor(address);
  }

  /**
   * The link for {@code address} from an e-mail in {@code language} sent by a property: the page it
   * opens speaks that language and names the house.
   */
  public String urlFor(String address, String language, long propertyId) {
    return urlFor(address)
        + "?lang="
        + java.net.URLEncoder.encode(language == null ? "en" : language, StandardCharsets.UTF_8)
        + "&house="
        + propertyId;
  }

  String tokenFor(String address) {
    String normalised = OptOuts.normalise(address);
    String encoded =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(normalised.getBytes(StandardCharsets.UTF_8));
    return encoded + "." + sign(normalised);
  }

  /** The address a token stands for, if the token is genuine. */
  public Optional<String> addressOf(String token) {
    if (token == null) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    if (dot <= 0 || dot == token.length() - 1) {
      return Optional.empty();
    }
    try {
      String address =
          new String(
              Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
      boolean genuine =
          MessageDigest.isEqual(
              sign(address).getBytes(StandardCharsets.US_ASCII),
              token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
      return genuine ? Optional.of(address) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public boolean isUnsubscribed(String address) {
    return jdbc.sql("select count(*) from email_unsubscribe where address = ?")
            .param(cipher.index(address))
            .query(Integer.class)
            .single()
        > 0;
  }

  public void unsubscribe(String address, Instant now) {
    jdbc.sql(
            "insert into email_unsubscribe (address, unsubscribed_at) values (?, ?) on conflict do nothing")
        .params(cipher.index(address), Timestamp.from(now))
        .update();
  }

  public void resubscribe(String address) {
    jdbc.sql("delete from email_unsubscribe where address = ?")
        .param(cipher.index(address))
        .update();
  }

  private String sign(String address) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key(), "HmacSHA256"));
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(mac.doFinal(address.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] key() {
    if (key == null) {
      key =
          jdbc.sql("select value from app_secret where name = 'unsubscribe-links'")
              .query(String.class)
              .single()
              .getBytes(StandardCharsets.UTF_8);
    }
    return key;
  }
}
