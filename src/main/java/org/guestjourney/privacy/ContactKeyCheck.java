package org.guestjourney.privacy;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes a wrong key fail at start, not at the first guest: each key id leaves a check value in
 * {@code app_secret} that must decrypt with the key configured under that id, and the blind index
 * key leaves the index of a fixed text that must come out the same. A key id that encrypted data
 * once but is no longer configured stops the start while rows still use it.
 *
 * <p>After start, values of older keys are re-encrypted with the current key in small batches
 * ({@code for update skip locked}, so replicas share the work), after which an old key may be
 * removed from the configuration.
 */
@Component
class ContactKeyCheck implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(ContactKeyCheck.class);
  static final String KEY_CHECK = "contact-key:";
  static final String INDEX_CHECK = "contact-index-key";
  private static final String PROBE = "guest-journey contact data key check";

  private final JdbcClient jdbc;
  private final ContactCipher cipher;
  private final TransactionTemplate transactions;
  private final int batchSize;

  ContactKeyCheck(
      JdbcClient jdbc,
      ContactCipher cipher,
      TransactionTemplate transactions,
      ContactEncryptionProperties properties) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.transactions = transactions;
    this.batchSize = Math.max(1, properties.reencryptBatchSize());
    verify();
  }

  /** Throws {@link ContactDataException} when a configured key is not the one the data needs. */
  void verify() {
    jdbc.sql("insert into app_secret (name, value) values (?, ?) on conflict do nothing")
        .params(INDEX_CHECK, cipher.index(PROBE))
        .update();
    String index =
        jdbc.sql("select value from app_secret where name = ?")
            .param(INDEX_CHECK)
            .query(String.class)
            .single();
    if (!index.equals(cipher.index(PROBE))) {
      throw new ContactDataException(
          "The blind index key (guest-journey.privacy.encryption.index-key) is not the one this"
              + " database's guests were indexed with: lookups by e-mail or phone would find"
              + " nobody");
    }
    jdbc.sql("insert into app_secret (name, value) values (?, ?) on conflict do nothing")
        .params(KEY_CHECK + cipher.currentKeyId(), cipher.encrypt(PROBE))
        .update();
    List<String> checks =
        jdbc.sql("select value from app_secret where name like 'contact-key:%' order by name")
            .query(String.class)
            .list();
    for (String check : checks) {
      String keyId = ContactCipher.keyIdOf(check);
      if (cipher.knows(keyId)) {
        if (!PROBE.equals(cipher.decrypt(check))) {
          throw new ContactDataException("The contact data key '" + keyId + "' is wrong");
        }
      } else if (rowsUsing(keyId) > 0) {
        throw new ContactDataException(
            "Guest contact data is still encrypted with key '"
                + keyId
                + "', which is not configured: add it back to guest-journey.privacy.encryption.keys"
                + " (after the current key) until the start-up re-encryption has rewritten it");
      } else {
        jdbc.sql("delete from app_secret where name = ?").param(KEY_CHECK + keyId).update();
        log.info("Contact data key '{}' is no longer used by any row; its check is removed", keyId);
      }
    }
  }

  private long rowsUsing(String keyId) {
    long n = 0;
    for (ContactColumns.Encrypted c : ContactColumns.ENCRYPTED) {
      n +=
          jdbc.sql(
                  "select count(*) from %s where starts_with(%s, ?)"
                      .formatted(c.table(), c.column()))
              .param(ContactCipher.PREFIX + keyId + ".")
              .query(Long.class)
              .single();
    }
    return n;
  }

  @Override
  public void run(ApplicationArguments args) {
    try {
      int rewritten = reencrypt();
      if (rewritten > 0) {
        log.info(
            "Re-encrypted {} contact data value(s) with key '{}'",
            rewritten,
            cipher.currentKeyId());
      }
    } catch (RuntimeException e) {
      log.error(
          "Re-encrypting contact data with the current key failed; the next start retries", e);
    }
  }

  /** Rewrites values of older keys with the current key; the number rewritten. */
  int reencrypt() {
    String current = ContactCipher.PREFIX + cipher.currentKeyId() + ".";
    int total = 0;
    for (ContactColumns.Encrypted c : ContactColumns.ENCRYPTED) {
      while (true) {
        Integer done =
            transactions.execute(
                tx -> {
                  List<java.util.Map<String, Object>> rows =
                      jdbc.sql(
                              """
                              select id, %2$s as value from %1$s
                               where starts_with(%2$s, 'gjc1.') and not starts_with(%2$s, ?)
                               limit ? for update skip locked
                              """
                                  .formatted(c.table(), c.column()))
                          .params(current, batchSize)
                          .query()
                          .listOfRows();
                  for (var row : rows) {
                    String plain = cipher.decrypt((String) row.get("value"));
                    jdbc.sql("update %s set %s = ? where id = ?".formatted(c.table(), c.column()))
                        .params(cipher.encrypt(plain), row.get("id"))
                        .update();
                  }
                  return rows.size();
                });
        total += done;
        if (done < batchSize) {
          break;
        }
      }
    }
    return total;
  }
}
