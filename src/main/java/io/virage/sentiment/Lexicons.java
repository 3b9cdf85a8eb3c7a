package io.virage.sentiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The word lists of {@link LexiconScorer}: lexicons loaded from the TSV files under
 * {@code io/virage/sentiment/lexicon/} (source and licence of each in {@code SOURCES.md} there),
 * and the small closed lists (degree adverbs, negators, idioms) written here. English lists are
 * VADER's own.
 */
final class Lexicons {
  private static final String DIR = "io/virage/sentiment/lexicon/";
  /** AFINN uses [-5, 5]; VADER's rules and normalisation assume [-4, 4]. */
  private static final double AFINN_TO_VADER = 0.8;

  static final Map<String, Double> ENGLISH = load("en-vader.tsv", 1.0, new HashMap<>());
  static final Map<String, Double> FRENCH = french();
  /** The French lexicon keyed without accents ("decue"), for posts typed without them. */
  static final Map<String, Double> FRENCH_FOLDED = folded(FRENCH);
  static final Map<String, Double> EMOJI = load("emoji.tsv", 1.0, new HashMap<>());

  static final Set<String> ENGLISH_NEGATORS = Set.of("aint", "arent", "cannot", "cant", "couldnt", "darent",
      "didnt", "doesnt", "ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't", "dont", "hadnt",
      "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither", "don't", "hadn't", "hasn't", "haven't", "isn't",
      "mightn't", "mustn't", "neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere",
      "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent", "oughtn't", "shan't", "shouldn't", "uh-uh",
      "wasn't", "weren't", "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite");

  static final Map<String, Double> ENGLISH_BOOSTERS = boosters(
      new String[] {"absolutely", "amazingly", "awfully", "completely", "considerably", "decidedly", "deeply",
          "effing", "enormously", "entirely", "especially", "exceptionally", "extremely", "fabulously", "flipping",
          "flippin", "fricking", "frickin", "frigging", "friggin", "fully", "fucking", "greatly", "hella", "highly",
          "hugely", "incredibly", "intensely", "majorly", "more", "most", "particularly", "purely", "quite",
          "really", "remarkably", "so", "substantially", "thoroughly", "totally", "tremendously", "uber",
          "unbelievably", "unusually", "utterly", "very"},
      new String[] {"almost", "barely", "hardly", "just enough", "kind of", "kinda", "kindof", "kind-of", "less",
          "little", "marginally", "occasionally", "partly", "scarcely", "slightly", "somewhat", "sort of", "sorta",
          "sortof", "sort-of"});

  static final Map<String, Double> ENGLISH_IDIOMS = Map.of("the shit", 3.0, "the bomb", 3.0, "bad ass", 1.5,
      "yeah right", -2.0, "cut the mustard", 2.0, "kiss of death", -1.5, "hand to mouth", -2.0);

  /** French negators; "ne" is what "n'" becomes after elision expansion. */
  static final Set<String> FRENCH_NEGATORS = Set.of("ne", "pas", "jamais", "rien", "aucun", "aucune", "sans",
      "ni", "guère", "nullement", "personne");

  static final Map<String, Double> FRENCH_BOOSTERS = boosters(
      new String[] {"très", "vraiment", "trop", "tellement", "extrêmement", "absolument", "complètement",
          "totalement", "hyper", "si", "vachement", "particulièrement", "énormément", "super", "hyper", "franchement",
          "carrément", "grave", "archi", "ultra", "incroyablement", "profondément"},
      new String[] {"peu", "plutôt", "assez", "légèrement", "presque", "moyennement", "à peine", "un peu"});

  static final Map<String, Double> FRENCH_IDIOMS = Map.of("pas mal", 1.5, "pas terrible", -1.5,
      "ça va", 0.8, "au top", 2.4, "pas top", -1.6);

  private Lexicons() {}

  private static Map<String, Double> french() {
    Map<String, Double> fr = load("fr-afinn.tsv", AFINN_TO_VADER, new HashMap<>());
    load("fr-virage.tsv", 1.0, fr);
    fr.values().removeIf(v -> v == 0.0);
    return Map.copyOf(fr);
  }

  static String fold(String word) {
    if (Prescan.isAscii(word)) {
      return word; // nothing to decompose, no combining mark
    }
    return java.text.Normalizer.normalize(word, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
  }

  private static Map<String, Double> folded(Map<String, Double> lexicon) {
    Map<String, Double> out = new HashMap<>();
    // Sorted, so that when two entries fold to the same key the choice does not depend on hashing.
    new java.util.TreeMap<>(lexicon).forEach((k, v) -> out.putIfAbsent(fold(k), v));
    return Map.copyOf(out);
  }

  private static Map<String, Double> boosters(String[] up, String[] down) {
    Map<String, Double> m = new HashMap<>();
    for (String w : up) {
      m.put(w, LexiconScorer.B_INCR);
    }
    for (String w : down) {
      m.put(w, LexiconScorer.B_DECR);
    }
    return Map.copyOf(m);
  }

  /** Reads {@code token<TAB>valence} lines (# comments) into {@code into}; later lines win. */
  private static Map<String, Double> load(String file, double scale, Map<String, Double> into) {
    try (InputStream in = Lexicons.class.getClassLoader().getResourceAsStream(DIR + file)) {
      if (in == null) {
        throw new IllegalStateException(DIR + file + " is missing from the class path");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank() || line.startsWith("# ")) {
          continue;
        }
        int tab = line.lastIndexOf('\t');
        if (tab <= 0) {
          throw new IllegalStateException(DIR + file + " line " + n + ": expected token<TAB>valence, found '" + line + "'");
        }
        into.put(line.substring(0, tab), Double.parseDouble(line.substring(tab + 1)) * scale);
      }
      return into;
    } catch (IOException e) {
      throw new UncheckedIOException(DIR + file, e);
    }
  }
}
