package io.virage.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virage.ranking.ScoreComponent;
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
    // The documented weights but conversions already sum to 1: a brand without conversions is ranked by them as
    // they are; with conversions (0.05) every weight is divided by 1.05.
    assertEquals(0.40, s.ranking().weightWithoutConversions(ScoreComponent.ENGAGEMENT), 1e-12);
    assertEquals(0.0, s.ranking().weightWithoutConversions(ScoreComponent.CONVERSIONS));
    assertEquals(0.40 / 1.05, s.ranking().weight(ScoreComponent.ENGAGEMENT), 1e-12);
    assertEquals(0.05 / 1.05, s.ranking().weight(ScoreComponent.CONVERSIONS), 1e-12);
    assertEquals(1.0, s.ranking().weights().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-12);
    assertEquals(1.0, s.ranking().weightsWithoutConversions().values().stream().mapToDouble(Double::doubleValue).sum(),
        1e-12);
    assertEquals(new Settings.Conversions("time-decay", 90, 30, 7), s.conversions());
    assertEquals(10, s.ranking().roster().size());
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
  void conversionSettingsAreChecked() {
    Map<String, String> set = new java.util.HashMap<>();
    for (ScoreComponent c : ScoreComponent.values()) {
      set.put("ranking.weights." + c.key(), c == ScoreComponent.CONVERSIONS ? "1" : "0");
    }
    InvalidSettingException onlyConversions = assertThrows(InvalidSettingException.class,
        () -> Settings.load(Optional.empty(), set));
    assertTrue(onlyConversions.getMessage().startsWith("config ranking.weights: expected a positive weight besides"
        + " conversions"), onlyConversions.getMessage());
    InvalidSettingException method = assertThrows(InvalidSettingException.class,
        () -> Settings.load(Optional.empty(), Map.of("conversions.method", "first-touch")));
    assertEquals("config conversions.method: expected one of [time-decay, last-touch], found 'first-touch'",
        method.getMessage());
    assertEquals("last-touch", Settings.load(Optional.empty(), Map.of("conversions.method", "last-touch"))
        .conversions().method());
    assertNotEquals(Settings.defaults().hash(), Settings.load(Optional.empty(), Map.of("conversions.lookback-days", "7"))
        .hash(), "attribution settings change the config hash");
  }

  @Test
  void rankingWeightsAreNormalised() {
    Map<String, String> set = new java.util.HashMap<>();
    for (ScoreComponent c : ScoreComponent.values()) {
      set.put("ranking.weights." + c.key(), "0");
    }
    set.put("ranking.weights.influence", "2");
    set.put("ranking.weights.engagement", "1");
    set.put("ranking.weights.sentiment", "1");
    Settings s = Settings.load(Optional.empty(), set);
    assertEquals(0.5, s.ranking().weight(ScoreComponent.INFLUENCE), 1e-12);
    assertEquals(0.25, s.ranking().weight(ScoreComponent.SENTIMENT), 1e-12);
    assertEquals(0.0, s.ranking().weight(ScoreComponent.ACTIVITY), 1e-12);
    InvalidSettingException e = assertThrows(InvalidSettingException.class,
        () -> Settings.load(Optional.empty(), Map.of("ranking.weights.klout", "1")));
    assertTrue(e.getMessage().startsWith("config ranking.weights.klout: unknown component"), e.getMessage());
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
        () -> Settings.load(Optional.empty(), Map.of("influence.propagation", "sometimes")));
    assertEquals("config influence.propagation: expected one of [auto, broadcast, shuffle], found 'sometimes'",
        e.getMessage());
    e = assertThrows(InvalidSettingException.class,
        () -> Settings.load(Optional.empty(), Map.of("influence.driver-rank-memory-mb", "-1")));
    assertEquals("config influence.driver-rank-memory-mb: expected a number in [0, 1073741824], found -1", e.getMessage());
    assertEquals("shuffle", Settings.load(Optional.empty(), Map.of("influence.propagation", "shuffle"))
        .influence().propagation());
    e = assertThrows(InvalidSettingException.class,
        () -> Settings.load(Optional.of(tmp.resolve("absent.conf").toFile()), Map.of()));
    assertTrue(e.getMessage().endsWith("absent.conf: not found"), e.getMessage());
  }
}
