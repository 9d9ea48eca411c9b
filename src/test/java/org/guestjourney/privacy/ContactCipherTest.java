package org.guestjourney.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contact data encryption and the blind index, without the application around them. */
class ContactCipherTest {

  private static final SecureRandom RANDOM = new SecureRandom();

  static byte[] randomKey() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return key;
  }

  static ContactCipher cipher(Object... idsAndKeys) {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    for (int i = 0; i < idsAndKeys.length; i += 2) {
      keys.put((String) idsAndKeys[i], (byte[]) idsAndKeys[i + 1]);
    }
    return new ContactCipher(keys, INDEX_KEY);
  }

  static final byte[] INDEX_KEY = randomKey();

  @Test
  void storesNoPlaintextAndReadsItBack() {
    ContactCipher cipher = cipher("k1", randomKey());

    String first = cipher.encrypt("anna.rossi@example.com");
    String second = cipher.encrypt("anna.rossi@example.com");

    assertThat(first).startsWith("gjc1.k1.").doesNotContain("anna").doesNotContain("example");
    assertThat(second).as("a fresh IV each time").isNotEqualTo(first);
    assertThat(cipher.decrypt(first)).isEqualTo("anna.rossi@example.com");
    assertThat(cipher.decrypt(cipher.encrypt("Zoë Ünal-O'Brien"))).isEqualTo("Zoë Ünal-O'Brien");
    assertThat(cipher.encrypt(null)).isNull();
    assertThat(cipher.decrypt(null)).isNull();
    assertThat(cipher.decrypt(ContactCipher.ERASED)).isEqualTo(ContactCipher.ERASED);
  }

  @Test
  void aWrongKeyOrPlaintextOrATamperedValueFailsLoudly() {
    byte[] key = randomKey();
    String stored = cipher("k1", key).encrypt("+393331234567");

    assertThatThrownBy(() -> cipher("k1", randomKey()).decrypt(stored))
        .isInstanceOf(ContactDataException.class)
        .hasMessageContaining("'k1'")
        .hasMessageContaining("wrong");
    assertThatThrownBy(() -> cipher("k2", key).decrypt(stored))
        .isInstanceOf(ContactDataException.class)
        .hasMessageContaining("'k1', which is not configured");
    assertThatThrownBy(() -> cipher("k1", key).decrypt("+393331234567"))
        .isInstanceOf(ContactDataException.class)
        .hasMessageContaining("not encrypted");
    char last = stored.charAt(stored.length() - 2);
    String tampered =
        stored.substring(0, stored.length() - 2)
            + (last == 'A' ? 'B' : 'A')
            + stored.charAt(stored.length() - 1);
    assertThatThrownBy(() -> cipher("k1", key).decrypt(tampered))
        .isInstanceOf(ContactDataException.class);
    // the key id is authenticated too: a value cannot be relabelled to another key of the same
    // bytes
    String relabelled = stored.replace("gjc1.k1.", "gjc1.k9.");
    assertThatThrownBy(() -> cipher("k9", key, "k1", key).decrypt(relabelled))
        .isInstanceOf(ContactDataException.class);
  }

  @Test
  void afterRotationNewValuesUseTheNewKeyAndOldValuesStillRead() {
    byte[] old = randomKey();
    String before = cipher("2026a", old).encrypt("Anna Rossi");

    ContactCipher rotated = cipher("2026b", randomKey(), "2026a", old);

    assertThat(rotated.decrypt(before)).isEqualTo("Anna Rossi");
    assertThat(rotated.encrypt("Anna Rossi")).startsWith("gjc1.2026b.");
    assertThat(rotated.currentKeyId()).isEqualTo("2026b");
  }

  @Test
  void theBlindIndexMatchesTheSameAddressHowEverItIsWrittenAndNothingElse() {
    ContactCipher cipher = cipher("k1", randomKey());
    ContactCipher otherKeysSameIndexKey = cipher("k2", randomKey());

    assertThat(cipher.index(" Anna.Rossi@Example.COM "))
        .isEqualTo(cipher.index("anna.rossi@example.com"))
        .isEqualTo(otherKeysSameIndexKey.index("anna.rossi@example.com"))
        .doesNotContain("anna")
        .isNotEqualTo(cipher.index("anna.rossi@example.org"));
    assertThat(cipher.index("whatsapp:+393331234567")).isEqualTo(cipher.index("+393331234567"));
    assertThat(new ContactCipher(Map.of("k1", randomKey()), randomKey()).index("+393331234567"))
        .as("another index key gives other indexes")
        .isNotEqualTo(cipher.index("+393331234567"));
    assertThat(cipher.index(null)).isNull();
    assertThat(cipher.index("  ")).isNull();
  }

  @Test
  void keysOfTheWrongSizeOrWithBadIdsAreRefused() {
    assertThatThrownBy(() -> cipher("k1", new byte[16]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> cipher("k 1", randomKey()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ContactCipher(Map.of("k1", randomKey()), new byte[8]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void productionRefusesToStartWithoutKeysUnlessGeneratedKeysAreAllowed(@TempDir Path dir) {
    Path file = dir.resolve("keys");
    assertThatThrownBy(
            () ->
                ContactKeysConfiguration.cipherFor(
                    new ContactEncryptionProperties(List.of(), null, false, file, 500), false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("GUESTJOURNEY_PRIVACY_ENCRYPTION_KEYS");
    assertThat(file).doesNotExist();

    ContactCipher allowed =
        ContactKeysConfiguration.cipherFor(
            new ContactEncryptionProperties(List.of(), null, true, file, 500), false);
    assertThat(file).exists();
    assertThat(allowed.currentKeyId()).startsWith("dev-");
  }

  @Test
  void theEmbeddedDefaultGeneratesKeysOnceAndKeepsThem(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("data").resolve("postgres.keys");
    ContactEncryptionProperties none =
        new ContactEncryptionProperties(List.of(), null, false, file, 500);

    ContactCipher first = ContactKeysConfiguration.cipherFor(none, true);
    String stored = first.encrypt("anna@example.com");
    ContactCipher afterRestart = ContactKeysConfiguration.cipherFor(none, true);

    assertThat(afterRestart.decrypt(stored)).isEqualTo("anna@example.com");
    assertThat(afterRestart.index("anna@example.com")).isEqualTo(first.index("anna@example.com"));
    assertThat(Files.readString(file)).contains("keys=").contains("index-key=");
  }

  @Test
  void configuredKeysAreUsedAndHalfAConfigurationIsRefused(@TempDir Path dir) {
    String key = Base64.getEncoder().encodeToString(randomKey());
    String indexKey = Base64.getEncoder().encodeToString(randomKey());
    Path file = dir.resolve("keys");

    ContactCipher cipher =
        ContactKeysConfiguration.cipherFor(
            new ContactEncryptionProperties(
                List.of(
                    "prod-2:" + key, "prod-1:" + Base64.getEncoder().encodeToString(randomKey())),
                indexKey,
                false,
                file,
                500),
            false);

    assertThat(cipher.currentKeyId()).isEqualTo("prod-2");
    assertThat(cipher.knows("prod-1")).isTrue();
    assertThat(file).as("nothing generated").doesNotExist();
    assertThatThrownBy(
            () ->
                ContactKeysConfiguration.cipherFor(
                    new ContactEncryptionProperties(
                        List.of("prod-2:" + key), null, true, file, 500),
                    true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("only one is set");
    assertThatThrownBy(
            () ->
                ContactKeysConfiguration.cipherFor(
                    new ContactEncryptionProperties(
                        List.of("prod-2:" + key, "prod-2:" + key), indexKey, false, file, 500),
                    false))
        .hasMessageContaining("twice");
  }
}
