package io.virage.sentiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A rule-based sentiment scorer in the spirit of VADER (Hutto and Gilbert, ICWSM 2014), for English
 * and French. For English it follows VADER's published algorithm step by step (the reference used
 * is the Apache-2.0 JavaScript port {@code vader-sentiment} 1.1.3): lexicon valence of each token,
 * degree adverbs ("very", "kind of") up to three tokens back, damped with distance, ALL-CAPS
 * emphasis, negation up to three tokens back (x -0.74), "never so/this", "least", idioms, the
 * contrastive "but" (before x0.5, after x1.5), and ! and ? emphasis; the sum is normalised to
 * {@code compound = s / sqrt(s^2 + 15)} in [-1, 1].
 *
 * <p>French uses the same machinery with French rules: elisions are expanded first ("n'aime" reads
 * "ne aime", "l'appli" reads "le appli"), negation ({@code ne, pas, jamais, rien, aucun, sans, ni,
 * guère, plus} after "ne") applies once per word even when "ne ... pas" gives two negators,
 * degree adverbs ("très", "vraiment", "un peu"), contrast "mais", "pas mal" as mildly positive.
 * The French lexicon is AFINN-fr-165 rescaled from [-5, 5] to VADER's [-4, 4].
 *
 * <p>Two extensions on top of VADER, used only when the exact token is not in the lexicon, so
 * VADER's scores on plain text are unchanged: letters repeated three times or more are collapsed
 * ("goooood" reads "good"), and emoji carry the valence of {@code emoji.tsv}.
 *
 * <p>Thread-safe and stateless once loaded; {@link #score} is cheap (microseconds per post).
 */
public final class LexiconScorer {
  /** VADER's empirically derived constants. */
  static final double B_INCR = 0.293;
  static final double B_DECR = -0.293;
  static final double C_INCR = 0.733;
  static final double N_SCALAR = -0.74;
  private static final double ALPHA = 15;

  /** Python's string.punctuation, which VADER strips to find the bare words. */
  private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
  /** What {@code \\s} matches in a Java pattern: VADER splits on it. */
  private static final String WHITESPACE = " \t\n\u000B\f\r";
  static final Pattern REPEATS = Pattern.compile("(\\p{L})\\1{2,}");
  static final Pattern FRENCH_ELISION = Pattern.compile(
      "(?iu)\\b(jusqu|lorsqu|puisqu|quoiqu|qu|[cdjlmnst])['’]");
  /** Emoji and pictographs, padded with spaces so that "top😍" gives two tokens. */
  static final Pattern EMOJI = Pattern.compile("([\\x{1F300}-\\x{1FAFF}\\x{2600}-\\x{27BF}])");
  private static final List<String> PUNC_LIST = List.of(".", "!", "?", ",", ";", ":", "-", "'", "\"",
      "!!", "!!!", "??", "???", "?!?", "!?!", "?!?!", "!?!?");

  /** The scores of one text: VADER's compound in [-1, 1] and the pos/neg/neu proportions. */
  public record Scores(double compound, double pos, double neg, double neu, int hits) {
    static final Scores EMPTY = new Scores(0, 0, 0, 0, 0);
  }

  private final Language language;

  private LexiconScorer(Language language) {
    this.language = language;
  }

  private static final LexiconScorer ENGLISH = new LexiconScorer(Language.english());
  private static final LexiconScorer FRENCH = new LexiconScorer(Language.french());

  /** The scorer for {@code lang} ("fr" gives French; anything else English). */
  public static LexiconScorer forLanguage(String lang) {
    return "fr".equals(lang) ? FRENCH : ENGLISH;
  }

  /** Whether the word has a valence in this language's lexicon, after the fallbacks. */
  public boolean covers(String word) {
    return valence(word) != null;
  }

  /** The lexicon valence of a single word (null when it has none). */
  public Double valence(String word) {
    return lookup(word.toLowerCase(Locale.ROOT));
  }

  public Scores score(String rawText) {
    if (rawText == null || rawText.isBlank()) {
      return Scores.EMPTY;
    }
    String text = Prescan.mayHoldEmoji(rawText) ? EMOJI.matcher(rawText).replaceAll(" $1 ") : rawText;
    if (language.french && Prescan.hasApostrophe(text)) {
      text = FRENCH_ELISION.matcher(text).replaceAll("$1e ");
    }
    List<String> words = wordsAndEmoticons(text);
    boolean capDiff = allCapDifferential(words);
    double[] sentiments = new double[words.size()];
    int hits = 0;
    for (int i = 0; i < words.size(); i++) {
      String item = words.get(i);
      String lower = item.toLowerCase(Locale.ROOT);
      boolean booster = language.boosters.containsKey(lower)
          || (i < words.size() - 1 && language.isBoosterPair(lower, words.get(i + 1).toLowerCase(Locale.ROOT)));
      if (booster) {
        sentiments[i] = 0;
        continue;
      }
      Double v = lookup(lower);
      if (v != null) {
        hits++;
        sentiments[i] = valence(v, item, i, words, capDiff);
      }
    }
    contrastCheck(words, sentiments);
    return scoreValence(sentiments, text, hits);
  }

  private Double lookup(String lower) {
    Double v = language.lexicon.get(lower);
    if (v == null && Prescan.hasRepeatedCodePoint(lower, 3)) {
      String collapsed = REPEATS.matcher(lower).replaceAll("$1$1");
      if (!collapsed.equals(lower)) {
        v = language.lexicon.get(collapsed);
        if (v == null) {
          v = language.lexicon.get(REPEATS.matcher(lower).replaceAll("$1"));
        }
      }
    }
    if (v == null && language.french) {
      v = language.frenchInflection(lower);
    }
    if (v == null) {
      v = Lexicons.EMOJI.get(lower);
    }
    return v;
  }

  private double valence(double base, String item, int index, List<String> words, boolean capDiff) {
    double valence = base;
    if (isUpperPython(item) && capDiff) {
      valence += valence > 0 ? C_INCR : -C_INCR;
    }
    boolean negatedOnce = false;
    for (int startI = 0; startI < 3; startI++) {
      if (index > startI && lookup(words.get(index - (startI + 1)).toLowerCase(Locale.ROOT)) == null) {
        double s = scalarIncDec(words.get(index - (startI + 1)), valence, capDiff);
        if (startI == 1 && s != 0) {
          s *= 0.95;
        } else if (startI == 2 && s != 0) {
          s *= 0.9;
        }
        valence += s;
        if (language.french) {
          if (!negatedOnce && language.negators.contains(words.get(index - (startI + 1)).toLowerCase(Locale.ROOT))) {
            valence *= N_SCALAR;
            negatedOnce = true;
          }
        } else {
          valence = neverCheck(valence, words, startI, index);
        }
        if (startI == 2) {
          valence = idiomsCheck(valence, words, index);
        }
      }
    }
    if (language.french) {
      if (!negatedOnce && frenchNegatedAfter(words, index)) {
        valence *= N_SCALAR;
      }
      return valence;
    }
    return leastCheck(valence, words, index);
  }

  /** "je n'aime pas": the "pas" after the verb negates when a "ne" opened the clause. */
  private boolean frenchNegatedAfter(List<String> words, int index) {
    boolean ne = false;
    for (int j = Math.max(0, index - 4); j < index; j++) {
      ne |= words.get(j).equalsIgnoreCase("ne");
    }
    if (!ne) {
      return false;
    }
    for (int j = index + 1; j <= Math.min(words.size() - 1, index + 2); j++) {
      if (Language.FRENCH_NEGATION_AFTER_NE.contains(words.get(j).toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  private double scalarIncDec(String word, double valence, boolean capDiff) {
    String lower = word.toLowerCase(Locale.ROOT);
    Double b = language.boosters.get(lower);
    if (b == null) {
      return 0;
    }
    double scalar = valence < 0 ? -b : b;
    if (capDiff && isUpperPython(word)) {
      scalar += valence > 0 ? C_INCR : -C_INCR;
    }
    return scalar;
  }

  private double neverCheck(double valence, List<String> w, int startI, int index) {
    if (startI == 0) {
      if (negated(w.get(index - 1))) {
        valence *= N_SCALAR;
      }
    } else if (startI == 1) {
      if (w.get(index - 2).equals("never") && (w.get(index - 1).equals("so") || w.get(index - 1).equals("this"))) {
        valence *= 1.5;
      } else if (negated(w.get(index - 2))) {
        valence *= N_SCALAR;
      }
    } else {
      if ((w.get(index - 3).equals("never") && (w.get(index - 2).equals("so") || w.get(index - 2).equals("this")))
          || w.get(index - 1).equals("so") || w.get(index - 1).equals("this")) {
        valence *= 1.25;
      } else if (negated(w.get(index - 3))) {
        valence *= N_SCALAR;
      }
    }
    return valence;
  }

  private boolean negated(String word) {
    return language.negators.contains(word) || word.contains("n't");
  }

  private double leastCheck(double valence, List<String> w, int index) {
    if (index > 1 && w.get(index - 1).equalsIgnoreCase("least") && lookup("least") == null) {
      String before = w.get(index - 2).toLowerCase(Locale.ROOT);
      if (!before.equals("at") && !before.equals("very")) {
        valence *= N_SCALAR;
      }
    } else if (index > 0 && w.get(index - 1).equalsIgnoreCase("least") && lookup("least") == null) {
      valence *= N_SCALAR;
    }
    return valence;
  }

  private double idiomsCheck(double valence, List<String> w, int index) {
    String oneZero = w.get(index - 1) + " " + w.get(index);
    String twoOneZero = w.get(index - 2) + " " + w.get(index - 1) + " " + w.get(index);
    String twoOne = w.get(index - 2) + " " + w.get(index - 1);
    String threeTwoOne = index >= 3 ? w.get(index - 3) + " " + w.get(index - 2) + " " + w.get(index - 1) : null;
    String threeTwo = index >= 3 ? w.get(index - 3) + " " + w.get(index - 2) : null;
    for (String seq : new String[] {oneZero, twoOneZero, twoOne, threeTwoOne, threeTwo}) {
      if (seq != null && language.idioms.containsKey(seq)) {
        valence = language.idioms.get(seq);
        break;
      }
    }
    if (w.size() - 1 > index) {
      Double v = language.idioms.get(w.get(index) + " " + w.get(index + 1));
      if (v != null) {
        valence = v;
      }
    }
    if (w.size() - 1 > index + 1) {
      Double v = language.idioms.get(w.get(index) + " " + w.get(index + 1) + " " + w.get(index + 2));
      if (v != null) {
        valence = v;
      }
    }
    if ((threeTwo != null && language.boosters.containsKey(threeTwo)) || language.boosters.containsKey(twoOne)) {
      valence += B_DECR;
    }
    return valence;
  }

  /** The contrastive conjunction: what comes before it counts half, what comes after 1.5 times. */
  private void contrastCheck(List<String> words, double[] sentiments) {
    int at = -1;
    for (String c : language.contrast) {
      at = words.indexOf(c);
      if (at < 0) {
        at = words.indexOf(c.toUpperCase(Locale.ROOT));
      }
      if (at >= 0) {
        break;
      }
    }
    if (at < 0) {
      return;
    }
    for (int i = 0; i < sentiments.length; i++) {
      if (i < at) {
        sentiments[i] *= 0.5;
      } else if (i > at) {
        sentiments[i] *= 1.5;
      }
    }
  }

  private static Scores scoreValence(double[] sentiments, String text, int hits) {
    if (sentiments.length == 0) {
      return new Scores(0, 0, 0, 0, hits);
    }
    double sum = 0;
    for (double s : sentiments) {
      sum += s;
    }
    double emphasis = exclamationEmphasis(text) + questionEmphasis(text);
    if (sum > 0) {
      sum += emphasis;
    } else if (sum < 0) {
      sum -= emphasis;
    }
    double compound = Math.max(-1, Math.min(1, sum / Math.sqrt(sum * sum + ALPHA)));
    double posSum = 0;
    double negSum = 0;
    int neutral = 0;
    for (double s : sentiments) {
      if (s > 0) {
        posSum += s + 1;
      } else if (s < 0) {
        negSum += s - 1;
      } else {
        neutral++;
      }
    }
    if (posSum > Math.abs(negSum)) {
      posSum += emphasis;
    } else if (posSum < Math.abs(negSum)) {
      negSum -= emphasis;
    }
    double total = posSum + Math.abs(negSum) + neutral;
    return new Scores(round(compound, 4), round(Math.abs(posSum / total), 3), round(Math.abs(negSum / total), 3),
        round(Math.abs(neutral / total), 3), hits);
  }

  private static double exclamationEmphasis(String text) {
    return Math.min(4, count(text, '!')) * 0.292;
  }

  private static double questionEmphasis(String text) {
    long q = count(text, '?');
    return q <= 1 ? 0 : q <= 3 ? q * 0.18 : 0.96;
  }

  private static long count(String text, char c) {
    return text.chars().filter(ch -> ch == c).count();
  }

  private static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }

  /** VADER's {@code word.isupper()}: no lowercase ASCII letter and at least one uppercase one. */
  static boolean isUpperPython(String word) {
    boolean upper = false;
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (c >= 'a' && c <= 'z') {
        return false;
      }
      upper |= c >= 'A' && c <= 'Z';
    }
    return upper;
  }

  private static boolean allCapDifferential(List<String> words) {
    int allCaps = 0;
    for (String w : words) {
      if (isUpperPython(w)) {
        allCaps++;
      }
    }
    int diff = words.size() - allCaps;
    return diff > 0 && diff < words.size();
  }

  /**
   * VADER's tokenisation: split on whitespace, drop one-character tokens, strip one leading or
   * trailing punctuation mark from a token whose bare form is a word, keep emoticons as they are.
   */
  private static List<String> wordsAndEmoticons(String text) {
    Set<String> wordsOnly = new java.util.HashSet<>(longerThanOne(withoutPunctuation(text)));
    List<String> out = new ArrayList<>();
    for (String token : longerThanOne(text)) {
      out.add(strippedForm(token, wordsOnly));
    }
    return out;
  }

  /** {@code text} without the characters of {@link #PUNCTUATION}. */
  static String withoutPunctuation(String text) {
    StringBuilder sb = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (PUNCTUATION.indexOf(c) >= 0) {
        if (sb == null) {
          sb = new StringBuilder(text.length()).append(text, 0, i);
        }
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? text : sb.toString();
  }

  /** The tokens of {@code text} between {@link #WHITESPACE} characters, those of two characters or more. */
  static List<String> longerThanOne(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || WHITESPACE.indexOf(text.charAt(i)) >= 0) {
        if (i - start > 1) {
          out.add(text.substring(start, i));
        }
        start = i + 1;
      }
    }
    return out;
  }

  private static String strippedForm(String token, Set<String> words) {
    for (String p : PUNC_LIST) {
      if (token.startsWith(p) && words.contains(token.substring(p.length()))) {
        return token.substring(p.length());
      }
      if (token.endsWith(p) && words.contains(token.substring(0, token.length() - p.length()))) {
        return token.substring(0, token.length() - p.length());
      }
    }
    return token;
  }

  /** One language's word lists. */
  static final class Language {
    static final Set<String> FRENCH_NEGATION_AFTER_NE = Set.of("pas", "jamais", "plus", "rien", "guère", "point");

    final boolean french;
    final Map<String, Double> lexicon;
    final Map<String, Double> boosters;
    final Set<String> negators;
    final List<String> contrast;
    final Map<String, Double> idioms;

    private Language(boolean french, Map<String, Double> lexicon, Map<String, Double> boosters, Set<String> negators,
        List<String> contrast, Map<String, Double> idioms) {
      this.french = french;
      this.lexicon = lexicon;
      this.boosters = boosters;
      this.negators = negators;
      this.contrast = contrast;
      this.idioms = idioms;
    }

    static Language english() {
      return new Language(false, Lexicons.ENGLISH, Lexicons.ENGLISH_BOOSTERS, Lexicons.ENGLISH_NEGATORS,
          List.of("but"), Lexicons.ENGLISH_IDIOMS);
    }

    static Language french() {
      return new Language(true, Lexicons.FRENCH, Lexicons.FRENCH_BOOSTERS, Lexicons.FRENCH_NEGATORS,
          List.of("mais", "cependant", "pourtant", "toutefois"), Lexicons.FRENCH_IDIOMS);
    }

    /** VADER skips "kind" in "kind of"; French skips "un" in "un peu". */
    boolean isBoosterPair(String first, String second) {
      return french ? first.equals("un") && second.equals("peu") : first.equals("kind") && second.equals("of");
    }

    /**
     * Feminine and plural forms of a lexicon entry ("déçue(s)", "nulles", "géniaux"), with or
     * without accents ("decue").
     */
    Double frenchInflection(String w) {
      Double v = inflection(w, lexicon);
      if (v == null) {
        String folded = Lexicons.fold(w);
        v = Lexicons.FRENCH_FOLDED.get(folded);
        if (v == null) {
          v = inflection(folded, Lexicons.FRENCH_FOLDED);
        }
      }
      return v;
    }

    private static Double inflection(String w, Map<String, Double> lexicon) {
      for (String suffix : new String[] {"es", "s", "e", "x"}) {
        if (w.length() > suffix.length() + 2 && w.endsWith(suffix)) {
          Double v = lexicon.get(w.substring(0, w.length() - suffix.length()));
          if (v != null) {
            return v;
          }
        }
      }
      if (w.endsWith("aux") && w.length() > 5) {
        return lexicon.get(w.substring(0, w.length() - 3) + "al");
      }
      return null;
    }
  }
}
