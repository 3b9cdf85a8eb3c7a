package io.virage.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The scans that let the text analysis skip a regular expression, against the expressions the
 * analysis runs (the same Pattern objects), and the loops that replaced three expressions, against
 * those expressions as they were (the reference, kept here): on hand-picked texts and on 20,000
 * random ones drawn from the characters each expression cares about, a scan never says "no" where
 * its expression matches, and a loop gives what its expression gave. No Spark; well under a second.
 */
class PrescanTest {
  private static final Pattern UPPER_PYTHON = Pattern.compile("^[^a-z]*[A-Z]+[^a-z]*$");
  private static final Pattern PUNCTUATION = Pattern.compile("[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~]");
  private static final Pattern WHITESPACE = Pattern.compile("\\s");

  /** Characters the expressions above look for, their near misses, and a few of other scripts. */
  private static final String[] PIECES = {"a", "b", "e", "n", "p", "P", "D", "H", "T", "W", "A", "B", "É", "é", "ö",
      "İ", "K", "ſ", "x", "3", "8", " ", "  ", "\t", "\n", "\u000B", ":", ";", "=", "-", ")", "(", "]", "[", "/",
      "\\", "<", ">", "^", "'", "’", "@", "#", "!", "?", ".", ",", "_", "http", "HTTPS://", "www.", "WwW.", "://",
      "😍", "😡", "☀", "❤", "\uFE0F", "𝐀", "𝐁", "д", "Ж", "aaa", "ooo", "OOO", "😍😍😍", "n'", "N’", "qu'",
      "e\u0301", "\uD83D", "GREAT", "Très"};

  @Test
  void aScanNeverSaysNoWhereItsExpressionMatches() {
    List<String> texts = texts();
    for (String t : texts) {
      if (TextAnalysis.URL.matcher(t).find()) {
        assertTrue(Prescan.containsIgnoreCase(t, "http") || Prescan.containsIgnoreCase(t, "www."), t);
      }
      if (TextAnalysis.REPEATS.matcher(t).find() || LexiconScorer.REPEATS.matcher(t).find()) {
        assertTrue(Prescan.hasRepeatedCodePoint(t, 3), t);
      }
      if (TextAnalysis.EMOTICON_POS.matcher(t).find()) {
        assertTrue(Prescan.containsAny(t, ":;=8<^"), t);
      }
      if (TextAnalysis.EMOTICON_NEG.matcher(t).find()) {
        assertTrue(Prescan.containsAny(t, ":;=<>"), t);
      }
      if (TextAnalysis.EMOJI.matcher(t).find() || LexiconScorer.EMOJI.matcher(t).find()) {
        assertTrue(Prescan.mayHoldEmoji(t), t);
      }
      if (TextAnalysis.CAPS_WORD.matcher(t).find()) {
        assertTrue(Prescan.hasUppercaseRun(t, 3), t);
      }
      if (TextAnalysis.ELIDED_NE.matcher(t).find() || LexiconScorer.FRENCH_ELISION.matcher(t).find()) {
        assertTrue(Prescan.hasApostrophe(t), t);
      }
      if (TextAnalysis.MENTION.matcher(t).find()) {
        assertTrue(t.indexOf('@') >= 0, t);
      }
      if (Prescan.isAscii(t)) {
        assertEquals(java.text.Normalizer.normalize(t, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", ""),
            Lexicons.fold(t), t);
      }
    }
  }

  @Test
  void theScansAlsoSayNoWhereTheyShould() {
    // A scan that always said "maybe" would pass the test above: each one is false on a plain text.
    String plain = "Really good coffee, tres bon cafe";
    assertEquals(List.of(false, false, false, false, false, false, false, false), List.of(
        Prescan.containsIgnoreCase(plain, "http"), Prescan.hasRepeatedCodePoint(plain, 3),
        Prescan.containsAny(plain, ":;=8<^"), Prescan.mayHoldEmoji(plain), Prescan.hasUppercaseRun(plain, 3),
        Prescan.hasApostrophe(plain), !Prescan.isAscii(plain), Prescan.containsAny(plain, ":;=<>")));
    assertEquals(List.of(true, true, true, true), List.of(Prescan.containsIgnoreCase("see HtTp://x", "http"),
        Prescan.hasRepeatedCodePoint("so gooood", 3), Prescan.hasUppercaseRun("it is GREAT", 3),
        Prescan.hasRepeatedCodePoint("😍😍😍", 3)));
  }

  @Test
  void theLoopsGiveWhatTheExpressionsGave() {
    for (String t : texts()) {
      assertEquals(UPPER_PYTHON.matcher(t).matches(), LexiconScorer.isUpperPython(t), t);
      assertEquals(PUNCTUATION.matcher(t).replaceAll(""), LexiconScorer.withoutPunctuation(t), t);
      assertEquals(Arrays.stream(WHITESPACE.split(t)).filter(w -> w.length() > 1).collect(Collectors.toList()),
          LexiconScorer.longerThanOne(t), t);
    }
  }

  @Test
  void aDeclaredLanguageLosesItsRegionAsSplitDid() {
    for (String declared : List.of("en", "en-GB", "FR_fr", " fr-CA ", "-en", "_", "pt-BR-x", "de__AT", "x")) {
      assertEquals(declared.trim().toLowerCase(java.util.Locale.ROOT).split("[-_]", 2)[0],
          TextAnalysis.resolveLanguage("some text", declared), declared);
    }
  }

  private static List<String> texts() {
    List<String> out = new ArrayList<>(List.of("", " ", "a", "Great :) but :-( ", ":)", "x :D", "<3", "^^ ok",
        ">:( no", "</3", "see https://x.io", "WWW.example.com", "so gooood", "GREAT job", "ÉÉÉ", "𝐀𝐁𝐀 ok",
        "n'aime pas", "qu’il", "top😍", "☀️ sun", "  lead and trail  ", "\u000Bvt\u000B", "!!", "don't!"));
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder();
      for (int j = random.nextInt(12); j > 0; j--) {
        sb.append(PIECES[random.nextInt(PIECES.length)]);
      }
      out.add(sb.toString());
    }
    return out;
  }
}
