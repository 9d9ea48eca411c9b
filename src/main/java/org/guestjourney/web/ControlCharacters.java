package org.guestjourney.web;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;

/**
 * Text may hold line breaks and tabs, but no other control characters: NUL breaks PostgreSQL, the
 * others have no business in a guest's name or a house's directions.
 */
public final class ControlCharacters {

  static final String MESSAGE = "must not contain control characters (such as NUL)";

  private ControlCharacters() {}

  public static boolean present(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f) {
        return true;
      }
    }
    return false;
  }

  /** Adds a violation for every text in {@code value} (records, lists, maps) that holds one. */
  public static void check(Object value, Violations v) {
    check(value, "", v, 0);
  }

  static void check(Object value, String path, Violations v, int depth) {
    if (value == null || depth > 8) {
      return;
    }
    if (value instanceof String s) {
      v.check(!present(s), path.isEmpty() ? "body" : path, MESSAGE);
    } else if (value instanceof Record r) {
      for (RecordComponent c : r.getClass().getRecordComponents()) {
        try {
          c.getAccessor().setAccessible(true);
          check(
              c.getAccessor().invoke(r),
              path.isEmpty() ? c.getName() : path + "." + c.getName(),
              v,
              depth + 1);
        } catch (ReflectiveOperationException e) {
          // not readable: nothing to check
        }
      }
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        check(list.get(i), path + "[" + i + "]", v, depth + 1);
      }
    } else if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        check(key, path.isEmpty() ? key : path + "." + key, v, depth + 1);
        check(e.getValue(), path.isEmpty() ? key : path + "." + key, v, depth + 1);
      }
    }
  }
}
