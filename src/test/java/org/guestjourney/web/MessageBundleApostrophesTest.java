package org.guestjourney.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Spring formats a message with MessageFormat only when it is given arguments: there an apostrophe
 * is written {@code ''}, elsewhere as it is. A line that gets this wrong shows "house''s" on a
 * page, or loses its apostrophe ("dont").
 */
class MessageBundleApostrophesTest {

  private static final Pattern ARGUMENT = Pattern.compile("\\{\\d");
  private static final Pattern LONE_APOSTROPHE = Pattern.compile("(?<!')'(?!')");

  @Test
  void apostrophesAreWrittenTheWayEachLineIsFormatted() throws IOException {
    List<String> wrong = new ArrayList<>();
    try (Stream<Path> bundles = Files.list(Path.of("src/main/resources/i18n"))) {
      for (Path bundle : bundles.filter(p -> p.toString().endsWith(".properties")).toList()) {
        List<String> lines = Files.readAllLines(bundle, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i);
          int eq = line.indexOf('=');
          if (line.startsWith("#") || eq < 0) {
            continue;
          }
          String value = line.substring(eq + 1);
          boolean formatted = ARGUMENT.matcher(value).find();
          if (!formatted && value.contains("''")) {
            wrong.add(bundle.getFileName() + ":" + (i + 1) + " has '' but no argument");
          }
          if (formatted && LONE_APOSTROPHE.matcher(value).find()) {
            wrong.add(bundle.getFileName() + ":" + (i + 1) + " has a lone ' and arguments");
          }
        }
      }
    }
    assertThat(wrong).isEmpty();
  }
}
