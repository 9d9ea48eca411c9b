package org.guestjourney.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts guest contact data (names, e-mail addresses, phone numbers) before it is written to the
 * database, and computes the keyed blind index that lookups by equality use instead of the value.
 *
 * <p>A stored value reads {@code gjc1.<key id>.<base64url(12-byte IV ‖ AES-256-GCM ciphertext and
 * tag)>}: the key id says which key decrypts it, so keys can rotate while old rows stay readable.
 * The first key encrypts; every configured key decrypts. A value that is neither encrypted nor the
 * erasure marker, or one that fails authentication, is refused loudly: it means a wrong key or
 * plaintext written past this class.
 *
 * <p>The blind index is HMAC-SHA-256 with a separate key over the normalised value (trimmed, lower
 * case, without a {@code whatsapp:} prefix), so the same address always finds the same rows. It
 * does not rotate with the encryption keys.
 */
public final class ContactCipher {

  /** What erasure leaves in a column that cannot be null; read back as is. */
  public static final String ERASED = "[erased]";

  static final String PREFIX = "gjc1.";
  static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,40}");
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final String currentKeyId;
  private final Map<String, SecretKeySpec> keys;
  private final SecretKeySpec indexKey;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param keys key id → 32-byte AES key, in order: the first encrypts, all decrypt
   * @param indexKey at least 32 bytes for the HMAC of the blind index
   */
  public ContactCipher(Map<String, byte[]> keys, byte[] indexKey) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("at least one contact data key is needed");
    }
    Map<String, SecretKeySpec> specs = new LinkedHashMap<>();
    keys.forEach(
        (id, key) -> {
          if (!KEY_ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                "a contact data key id is 1-40 letters, digits, '-' or '_': " + id);
          }
          if (key.length != 32) {
            throw new IllegalArgumentException(
                "contact data key '" + id + "' must be 32 bytes (256 bits), not " + key.length);
          }
          specs.put(id, new SecretKeySpec(key, "AES"));
        });
    if (indexKey == null || indexKey.length < 32) {
      throw new IllegalArgumentException("the blind index key must be at least 32 bytes");
    }
    this.keys = Map.copyOf(specs);
    this.currentKeyId = specs.keySet().iterator().next();
    this.indexKey = new SecretKeySpec(indexKey, "HmacSHA256");
  }

  /** The id of the key new values are encrypted with. */
  public String currentKeyId() {
    return currentKeyId;
  }

  /** Whether a key of this id is configured. */
  public boolean knows(String keyId) {
    return keys.containsKey(keyId);
  }

  /** The stored form of {@code plain}; null stays null. */
  public String encrypt(String plain) {
    return plain == null ? null : encrypt(plain, currentKeyId);
  }

  String encrypt(String plain, String keyId) {
    try {
      byte[] iv = new byte[IV_BYTES];
      random.nextBytes(iv);
      Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
      aes.init(Cipher.ENCRYPT_MODE, keys.get(keyId), new GCMParameterSpec(TAG_BITS, iv));
      aes.updateAAD(keyId.getBytes(StandardCharsets.US_ASCII));
      byte[] sealed = aes.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
      return PREFIX + keyId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Contact data could not be encrypted", e);
    }
  }

  /**
   * The plain value of a stored one; null stays null and the erasure marker stays as it is.
   *
   * @throws ContactDataException when the value is plaintext, was written with a key that is not
   *     configured, or does not authenticate under the configured key of its id (a wrong key)
   */
  public String decrypt(String stored) {
    if (stored == null || ERASED.equals(stored)) {
      return stored;
    }
    if (!isEncrypted(stored)) {
      throw new ContactDataException(
          "A contact data column holds a value that is not encrypted; run the start-up migration"
              + " or write it through ContactCipher");
    }
    String keyId = keyIdOf(stored);
    SecretKeySpec key = keys.get(keyId);
    if (key == null) {
      throw new ContactDataException(
          "Contact data was encrypted with key '"
              + keyId
              + "', which is not configured (guest-journey.privacy.encryption.keys)");
    }
    try {
      byte[] in =
          Base64.getUrlDecoder().decode(stored.substring(PREFIX.length() + keyId.length() + 1));
      Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
      aes.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
      aes.updateAAD(keyId.getBytes(StandardCharsets.US_ASCII));
      return new String(aes.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new ContactDataException(
          "Contact data encrypted with key '"
              + keyId
              + "' does not decrypt with the configured key of that id: the key is wrong",
          e);
    }
  }

  /** Whether {@code stored} is in the encrypted form (of any key). */
  public static boolean isEncrypted(String stored) {
    return stored != null && stored.startsWith(PREFIX) && stored.indexOf('.', PREFIX.length()) > 0;
  }

  /** The key id of an encrypted value. */
  static String keyIdOf(String stored) {
    return stored.substring(PREFIX.length(), stored.indexOf('.', PREFIX.length()));
  }

  /**
   * The blind index of an e-mail address, phone number or other contact: equal for equal addresses
   * (case, surrounding blanks and a {@code whatsapp:} prefix do not count); null for null or blank.
   */
  public String index(String contact) {
    String normalised = normalise(contact);
    if (normalised == null) {
      return null;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(indexKey);
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(mac.doFinal(normalised.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The blind index could not be computed", e);
    }
  }

  /** How addresses are compared: trimmed, lower case, without a {@code whatsapp:} prefix. */
  public static String normalise(String contact) {
    if (contact == null || contact.isBlank()) {
      return null;
    }
    String a = contact.strip();
    if (a.regionMatches(true, 0, "whatsapp:", 0, "whatsapp:".length())) {
      a = a.substring("whatsapp:".length());
    }
    return a.toLowerCase(java.util.Locale.ROOT);
  }
}
