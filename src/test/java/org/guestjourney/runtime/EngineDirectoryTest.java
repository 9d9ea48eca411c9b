package org.guestjourney.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's directory is tied to the database it runs with (ADR 0083). */
class EngineDirectoryTest {

  private final UUID database = UUID.randomUUID();
  private final UUID anotherDatabase = UUID.randomUUID();

  @Test
  void aFirstStartRecordsTheDatabase(@TempDir Path dir) throws IOException {
    try (EngineDirectory directory = EngineDirectory.claim(dir)) {
      directory.tieTo(database);
    }
    assertThat(recorded(dir)).isEqualTo(database.toString());
  }

  @Test
  void anEngineWithJourneysStartsAgainWithItsOwnDatabase(@TempDir Path dir) throws IOException {
    withLog(dir);
    Files.writeString(dir.resolve(EngineDirectory.INSTALLATION_FILE), database + "\n");
    try (EngineDirectory directory = EngineDirectory.claim(dir)) {
      directory.tieTo(database);
    }
    assertThat(recorded(dir)).isEqualTo(database.toString());
  }

  @Test
  void anEngineWithJourneysIsRefusedWithAnotherDatabaseAndSaysWhatToDo(@TempDir Path dir)
      throws IOException {
    withLog(dir);
    Files.writeString(dir.resolve(EngineDirectory.INSTALLATION_FILE), database + "\n");
    try (EngineDirectory directory = EngineDirectory.claim(dir)) {
      assertThatThrownBy(() -> directory.tieTo(anotherDatabase))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("belongs to another database")
          .hasMessageContaining(database.toString())
          .hasMessageContaining(anotherDatabase.toString())
          .hasMessageContaining("guest-journey.runtime.engine.directory")
          .hasMessageContaining("aside");
    }
    assertThat(recorded(dir)).as("left as it was").isEqualTo(database.toString());
  }

  @Test
  void anEngineDirectoryFromBeforeTheCheckTakesTheDatabase(@TempDir Path dir) throws IOException {
    withLog(dir);
    try (EngineDirectory directory = EngineDirectory.claim(dir)) {
      directory.tieTo(anotherDatabase);
    }
    assertThat(recorded(dir)).isEqualTo(anotherDatabase.toString());
  }

  @Test
  void anEngineWithoutJourneysTakesTheNewDatabase(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve(EngineDirectory.INSTALLATION_FILE), database + "\n");
    try (EngineDirectory directory = EngineDirectory.claim(dir)) {
      directory.tieTo(anotherDatabase);
    }
    assertThat(recorded(dir)).isEqualTo(anotherDatabase.toString());
  }

  private static void withLog(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("log"));
    Files.write(dir.resolve("log").resolve("00000001.log"), new byte[] {1, 2, 3});
  }

  private static String recorded(Path dir) throws IOException {
    return Files.readString(dir.resolve(EngineDirectory.INSTALLATION_FILE)).strip();
  }
}
