package io.virage.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
  @TempDir
  Path tmp;

  @Test
  void defaultsAreTheDocumentedOnes() {
    Settings s = Settings.defaults();
    assertEquals(0.85, s.influence().damping());
    assertEquals(1e-9, s.influence().tolerance());
    assertEquals(90.0, s.influence().halfLifeDays());
    assertEquals(3.0, s.influence().typeWeights().get("recommend"));
    assertEquals(6, s.influence().typeWeights().size());
    // Weights 0.4/0.35/0.25 already sum to 1.
    assertEquals(0.4, s.ranking().influenceWeight(), 1e-12);
    assertEquals(3000, s.demo().users());
  }

  @Test
  void commandLineBeatsFileBeatsDefaults() throws IOException {
    File f = tmp.resolve("virage.conf").toFile();
    Files.writeString(f.toPath(), "influence { damping = 0.5, max-iterations = 7 }\n");
    Settings fromFile = Settings.load(Optional.of(f), Map.of());
    assertEquals(0.5, fromFile.influence().damping());
    assertEquals(7, fromFile.influence().maxIterations());
    Settings both = Settings.load(Optional.of(f), Map.of("influence.damping", "0.6"));
    assertEquals(0.6, both.influence().damping(), "--set wins over the file");
    assertEquals(7, both.influence().maxIterations(), "the file still wins over defaults");
    assertNotEquals(Settings.defaults().hash(), both.hash(), "config hash follows the values");
  }

  @Test
  void rankingWeightsAreNormalised() {
    Settings s = Settings.load(Optional.empty(), Map.of("ranking.weights.influence", "2",
        "ranking.weights.engagement", "1", "ranking.weights.sentiment", "1"));
    assertEquals(0.5, s.ranking().influenceWeight(), 1e-12);
    assertEquals(0.25, s.ranking().sentimentWeight(), 1e-12);
  }

  @Test
  void badValuesNameTheKeyTheExpectationAndTheValue() {
    InvalidSettingException e = assertThrows(InvalidSettingException.class,
        () -> Settings.load(Optional.empty(), Map.of("influence.damping", "1.5")));
    assertEquals("config influence.damping: expected a number in (0, 1), found 1.5", e.getMessage());
    e = assertThrows(InvalidSettingException.class,
        () -> Settings.load(Optional.empty(), Map.of("influence.half-life-days", "soon")));
    assertEquals("config influence.half-life-days: expected a number, found 'soon'", e.getMessage());
    e = assertThrows(InvalidSettingException.class,
        () -> Settings.load(Optional.empty(), Map.of("influence.type-weights.poke", "1")));
    assertTrue(e.getMessage().startsWith("config influence.type-weights.poke: unknown interaction type"), e.getMessage());
    e = assertThrows(InvalidSettingException.class,
        () -> Settings.load(Optional.of(tmp.resolve("absent.conf").toFile()), Map.of()));
    assertTrue(e.getMessage().endsWith("absent.conf: not found"), e.getMessage());
  }
}
