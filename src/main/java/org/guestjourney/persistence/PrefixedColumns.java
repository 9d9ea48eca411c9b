package org.guestjourney.persistence;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One joined read instead of one statement per table: each table's columns are selected under a
 * prefix ({@code b.id as b__id}), and a table's own row mapper reads its columns from the joined
 * row through {@link #of}, which adds the prefix to every column label it asks for.
 */
public final class PrefixedColumns {

  private PrefixedColumns() {}

  /** {@code alias.column as prefix__column, ...} for a select list. */
  public static String selectList(String alias, List<String> columns) {
    return columns.stream()
        .map(c -> alias + "." + c + " as " + alias + "__" + c)
        .collect(Collectors.joining(", "));
  }

  /**
   * The columns of {@code table} as they are now (read once; the select list is built from them).
   */
  public static List<String> columnsOf(
      org.springframework.jdbc.core.simple.JdbcClient jdbc, String table) {
    return jdbc.sql("select * from " + table + " where false")
        .query(
            (ResultSet rs) -> {
              try {
                java.sql.ResultSetMetaData meta = rs.getMetaData();
                List<String> names = new java.util.ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                  names.add(meta.getColumnName(i));
                }
                return names;
              } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
              }
            });
  }

  /** The joined row as the table aliased {@code alias} sees it: its own column labels. */
  public static ResultSet of(ResultSet joined, String alias) {
    String prefix = alias + "__";
    return (ResultSet)
        Proxy.newProxyInstance(
            ResultSet.class.getClassLoader(),
            new Class<?>[] {ResultSet.class},
            (proxy, method, args) -> {
              Object[] actual = args;
              if (args != null
                  && args.length > 0
                  && args[0] instanceof String label
                  && method.getParameterTypes()[0] == String.class) {
                actual = args.clone();
                actual[0] = prefix + label;
              }
              try {
                return method.invoke(joined, actual);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
