package org.guestjourney.web;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;

/**
 * The newline policy of request texts. A multi-line text ({@link MultiLine} fields, form fields
 * that are text areas) may hold line breaks and tabs but no other control character: NUL breaks
 * PostgreSQL, the others have no business in a house's directions. A single-line text (names,
 * subjects, codes, phone numbers, e-mail addresses, references, URLs: everything else) holds no
 * control character at all, nor a Unicode line or paragraph separator: a line break in a subject or
 * a name ends up in mail headers, CSV rows and log lines.
 */
public final class ControlCharacters {

  static final String MESSAGE = "must not contain control characters (such as NUL)";
  static final String SINGLE_LINE_MESSAGE =
      "must be a single line: no line breaks, tabs or other control characters";

  private ControlCharacters() {}

  /** Whether a multi-line text holds a control character other than CR, LF and TAB. */
  public static boolean present(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
        return true;
      }
    }
    return false;
  }

  /** Whether a single-line text holds a control character, a line break or a tab. */
  public static boolean presentInLine(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        return true;
      }
    }
    return false;
  }

  /**
   * Adds a violation for every text in {@code value} (records, lists, maps) that breaks the policy:
   * single-line unless its record component is {@link MultiLine}.
   */
  public static void check(Object value, Violations v) {
    check(value, "", v, 0, false);
  }

  static void check(Object value, String path, Violations v, int depth) {
    check(value, path, v, depth, false);
  }

  private static void check(Object value, String path, Violations v, int depth, boolean multi) {
    if (value == null || depth > 8) {
      return;
    }
    String field = path.isEmpty() ? "body" : path;
    if (value instanceof String s) {
      if (multi) {
        v.check(!present(s), field, MESSAGE);
      } else {
        v.check(!presentInLine(s), field, SINGLE_LINE_MESSAGE);
      }
    } else if (value instanceof Record r) {
      for (RecordComponent c : r.getClass().getRecordComponents()) {
        try {
          c.getAccessor().setAccessible(true);
          check(
              c.getAccessor().invoke(r),
              path.isEmpty() ? c.getName() : path + "." + c.getName(),
              v,
              depth + 1,
              c.isAnnotationPresent(MultiLine.class));
        } catch (ReflectiveOperationException e) {
          // not readable: nothing to check
        }
      }
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        check(list.get(i), path + "[" + i + "]", v, depth + 1, multi);
      }
    } else if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        String at = path.isEmpty() ? key : path + "." + key;
        check(key, at, v, depth + 1, false);
        check(e.getValue(), at, v, depth + 1, multi);
      }
    }
  }
}
