package org.guestjourney.privacy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Encrypts the contact data that was stored in plain text before V55, fills the blind indexes and
 * replaces plain addresses of opt-outs and unsubscribes by their blind index. A Flyway Java
 * migration (a bean, so it gets the configured {@link ContactCipher}): it runs once, in one
 * transaction, under Flyway's lock, so replicas starting together do not both do it.
 */
@Component
public class V56__Encrypt_contact_data extends BaseJavaMigration {

  private final ContactCipher cipher;

  public V56__Encrypt_contact_data(ContactCipher cipher) {
    this.cipher = cipher;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    for (ContactColumns.Encrypted c : ContactColumns.ENCRYPTED) {
      encrypt(connection, c);
    }
    for (String table : ContactColumns.INDEX_ONLY) {
      index(connection, table);
    }
  }

  private void encrypt(Connection connection, ContactColumns.Encrypted c) throws SQLException {
    String select =
        "select id, %s from %s where %s is not null".formatted(c.column(), c.table(), c.column());
    String update =
        c.indexColumn() == null
            ? "update %s set %s = ? where id = ?".formatted(c.table(), c.column())
            : "update %s set %s = ?, %s = ? where id = ?"
                .formatted(c.table(), c.column(), c.indexColumn());
    try (Statement read = connection.createStatement();
        ResultSet rows = read.executeQuery(select);
        PreparedStatement write = connection.prepareStatement(update)) {
      int pending = 0;
      while (rows.next()) {
        String value = rows.getString(2);
        if (ContactCipher.isEncrypted(value) || ContactCipher.ERASED.equals(value)) {
          continue;
        }
        int i = 1;
        write.setString(i++, cipher.encrypt(value));
        if (c.indexColumn() != null) {
          write.setString(i++, cipher.index(value));
        }
        write.setLong(i, rows.getLong(1));
        write.addBatch();
        if (++pending % 500 == 0) {
          write.executeBatch();
        }
      }
      write.executeBatch();
    }
  }

  private void index(Connection connection, String table) throws SQLException {
    List<String> addresses = new ArrayList<>();
    try (Statement read = connection.createStatement();
        ResultSet rows = read.executeQuery("select distinct address from " + table)) {
      while (rows.next()) {
        addresses.add(rows.getString(1));
      }
    }
    try (PreparedStatement write =
        connection.prepareStatement("update " + table + " set address = ? where address = ?")) {
      for (String address : addresses) {
        write.setString(1, cipher.index(address));
        write.setString(2, address);
        write.addBatch();
      }
      write.executeBatch();
    }
  }
}
