package io.virage.sentiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.SetKeywordMarkerFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.util.ElisionFilter;

/**
 * Turns a social post into the terms the learned model sees, with Lucene's analyzers doing the
 * language work (Unicode word tokenizer, French elision filter, Porter stemming for English, light
 * stemming for French):
 *
 * <ol>
 *   <li>normalise what is social rather than linguistic: URLs become {@code xurl}, @mentions
 *       {@code xuser}, '#' is dropped from hashtags, letters repeated 3+ times are cut to two,
 *       emoticons and emoji become {@code xemopos} / {@code xemoneg} by their valence, a word in
 *       capitals inside a mixed-case text adds {@code xcaps}, '!' adds {@code xexcl};
 *   <li>split into clauses at punctuation and at a contrast word ("but", "mais", ...; the
 *       contrast word itself gives {@code xbut});
 *   <li>analyse each clause with the language's Lucene chain; after a negator ("not", "n't",
 *       "never", "ne", "pas", "jamais", ...) every term up to the clause's end is prefixed
 *       {@code not_}, so "pas bon" and "bon" are different features.
 * </ol>
 *
 * Also resolves the language of a post ({@link #resolveLanguage}): English and French are analysed;
 * any other language is named (its declared code, or the one detected) and not analysed.
 */
public final class TextAnalysis {
  public static final String NEGATED = "not_";

  static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");
  static final Pattern MENTION = Pattern.compile("@\\w+");
  static final Pattern REPEATS = Pattern.compile("(\\p{L})\\1{2,}");
  static final Pattern ELIDED_NE = Pattern.compile("(?iu)\\bn['’]");
  static final Pattern EMOTICON_POS = Pattern.compile("(?<=^|\\s)(?:[:;=8]-?[)D\\]pP]|<3|\\^\\^)(?=\\s|$)");
  static final Pattern EMOTICON_NEG = Pattern.compile("(?<=^|\\s)(?:[:;=]'?-?[(\\[/\\\\]|>:\\(|</3)(?=\\s|$)");
  static final Pattern EMOJI = Pattern.compile("[\\x{1F300}-\\x{1FAFF}\\x{2600}-\\x{27BF}]\\x{FE0F}?");
  private static final Pattern CLAUSE = Pattern.compile(
      "[.!?;:,()\\[\\]\"…]+|(?iu)\\s(?=(?:but|however|although|mais|cependant|pourtant|toutefois)\\s)");
  private static final Pattern WORDS = Pattern.compile("[^\\p{L}'’]+");
  static final Pattern CAPS_WORD = Pattern.compile("\\b\\p{Lu}{3,}\\b");
  private static final Set<String> CONTRAST = Set.of("but", "however", "although", "mais", "cependant", "pourtant",
      "toutefois");
  private static final Set<String> NEGATORS = Set.of("not", "no", "never", "nothing", "nobody", "none", "nor",
      "neither", "without", "cannot", "cant", "dont", "doesnt", "didnt", "isnt", "wasnt", "wont", "wouldnt",
      "shouldnt", "couldnt", "havent", "hasnt", "arent", "werent", "hardly", "barely",
      "ne", "pas", "jamais", "rien", "aucun", "aucune", "sans", "ni", "guère", "personne", "nullement");
  private static final Set<String> FRENCH_MARKERS = Set.of("le", "la", "les", "de", "des", "du", "et", "est", "je",
      "tu", "il", "elle", "nous", "vous", "un", "une", "pas", "que", "qui", "pour", "avec", "sur", "dans", "mon",
      "ma", "mes", "très", "trop", "ce", "cette", "à", "au", "aux", "ne", "jamais", "vraiment", "merci", "mais");
  private static final Set<String> ENGLISH_MARKERS = Set.of("the", "a", "an", "and", "is", "are", "was", "i",
      "you", "he", "she", "we", "they", "it", "not", "of", "to", "in", "for", "with", "on", "my", "this", "that",
      "very", "so", "from", "have", "has", "but", "never", "really", "just", "be", "by", "at");

  /** Kept as they are by the stemmers: negators, contrast words and our own marker terms. */
  private static final CharArraySet KEEP = keep();

  private static final Analyzer ENGLISH = new Analyzer() {
    @Override
    protected TokenStreamComponents createComponents(String field) {
      Tokenizer source = new StandardTokenizer();
      TokenStream s = new EnglishPossessiveFilter(source);
      s = new LowerCaseFilter(s);
      s = new SetKeywordMarkerFilter(s, KEEP);
      return new TokenStreamComponents(source, new PorterStemFilter(s));
    }
  };

  private static final Analyzer FRENCH = new Analyzer() {
    @Override
    protected TokenStreamComponents createComponents(String field) {
      Tokenizer source = new StandardTokenizer();
      TokenStream s = new ElisionFilter(source, FrenchAnalyzer.DEFAULT_ARTICLES);
      s = new LowerCaseFilter(s);
      s = new SetKeywordMarkerFilter(s, KEEP);
      s = new FrenchLightStemFilter(s);
      return new TokenStreamComponents(source, new ASCIIFoldingFilter(s));
    }
  };

  private TextAnalysis() {}

  private static CharArraySet keep() {
    CharArraySet keep = new CharArraySet(NEGATORS, false);
    keep.addAll(CONTRAST);
    keep.addAll(List.of("xurl", "xuser", "xemopos", "xemoneg", "xemo", "xlexpos", "xlexneg"));
    return CharArraySet.unmodifiableSet(keep);
  }

  /** The languages Virage analyses and scores. */
  public static final Set<String> SUPPORTED = Set.of("en", "fr");
  /** The language of a post whose text is mostly in a script other than Latin, detected with no code. */
  public static final String UNSUPPORTED = "unsupported";

  /**
   * Function words of the other languages most often met in French and English social data, each
   * list without any word of {@link #FRENCH_MARKERS} or {@link #ENGLISH_MARKERS} (so an English or
   * French post never counts towards them).
   */
  private static final Map<String, Set<String>> OTHER_MARKERS = otherMarkers(Map.of(
      "es", Set.of("el", "los", "las", "y", "muy", "pero", "es", "está", "por", "para", "con", "una", "este",
          "esta", "gracias", "nunca", "porque", "también", "bueno", "malo", "yo", "su", "lo", "sí", "más", "nada"),
      "de", Set.of("der", "die", "das", "und", "ist", "nicht", "ich", "sehr", "mit", "ein", "eine", "auf", "für",
          "zu", "auch", "aber", "wir", "sie", "gut", "schlecht", "dem", "den", "nie", "danke", "wirklich", "es"),
      "it", Set.of("il", "lo", "gli", "di", "è", "che", "non", "sono", "molto", "questo", "questa", "ma", "anche",
          "grazie", "perché", "della", "del", "mai", "buono", "cattivo", "ho", "io", "per"),
      "pt", Set.of("o", "os", "não", "um", "uma", "muito", "com", "obrigado", "obrigada", "mas", "também", "isso",
          "você", "eu", "seu", "sua", "é", "está", "nunca", "bom", "ruim", "para", "meu", "minha"),
      "nl", Set.of("het", "een", "niet", "ik", "zijn", "van", "voor", "op", "ook", "maar", "heel", "echt",
          "dank", "goed", "slecht", "nooit", "wij", "jij", "mijn", "dit", "deze", "met", "is")));

  private static Map<String, Set<String>> otherMarkers(Map<String, Set<String>> raw) {
    Map<String, Set<String>> out = new java.util.TreeMap<>();
    raw.forEach((lang, words) -> out.put(lang, words.stream()
        .filter(w -> !FRENCH_MARKERS.contains(w) && !ENGLISH_MARKERS.contains(w))
        .collect(java.util.stream.Collectors.toUnmodifiableSet())));
    return java.util.Collections.unmodifiableMap(out);
  }

  /**
   * The language to analyse a post in: its declared code when it has one (lowercased, region
   * dropped: "en-GB" is "en"), else {@link #detectLanguage}. Only the codes of {@link #SUPPORTED}
   * are analysed.
   */
  public static String resolveLanguage(String text, String declared) {
    if (declared != null && !declared.isBlank()) {
      String code = declared.trim().toLowerCase(Locale.ROOT);
      int region = Prescan.firstOf(code, "-_"); // as split("[-_]", 2)[0], without compiling the pattern per post
      return region < 0 ? code : code.substring(0, region);
    }
    return detectLanguage(text);
  }

  /**
   * The language of {@code text}, by function words: "fr" when French ones outnumber English ones,
   * else "en" (also for empty text, and with accented letters breaking a tie); another language's
   * code (es, de, it, pt, nl) when at least two of its own function words outnumber both; and
   * {@link #UNSUPPORTED} when most letters are in a script other than Latin (Cyrillic, Greek,
   * Arabic, Hebrew, CJK, ...).
   */
  public static String detectLanguage(String text) {
    if (text == null) {
      return "en";
    }
    int latin = 0;
    int other = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (Character.isLetter(cp)) {
        if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN) {
          latin++;
        } else {
          other++;
        }
      }
      i += Character.charCount(cp);
    }
    if (other > latin) {
      return UNSUPPORTED;
    }
    int fr = 0;
    int en = 0;
    Map<String, Integer> others = new java.util.TreeMap<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
      fr += FRENCH_MARKERS.contains(w) ? 1 : 0;
      en += ENGLISH_MARKERS.contains(w) ? 1 : 0;
      OTHER_MARKERS.forEach((lang, words) -> {
        if (words.contains(w)) {
          others.merge(lang, 1, Integer::sum);
        }
      });
    }
    int best = Math.max(fr, en);
    String bestOther = null;
    for (Map.Entry<String, Integer> e : others.entrySet()) {
      if (e.getValue() >= 2 && e.getValue() > best) {
        best = e.getValue();
        bestOther = e.getKey();
      }
    }
    if (bestOther != null) {
      return bestOther;
    }
    if (fr == en) {
      // Accented letters are the tie-breaker: rare in English posts.
      return text.matches("(?s).*[éèêàùçôîû].*") ? "fr" : "en";
    }
    return fr > en ? "fr" : "en";
  }

  /** The word terms of {@code text} (see the class comment). Never null. */
  public static List<String> terms(String text, String lang) {
    List<String> out = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return out;
    }
    boolean french = "fr".equals(lang);
    // Each expression runs only when a cheap scan says it may match (Prescan): most posts hold no
    // URL, mention, repeated letter, emoticon or emoji, and the results are the same either way.
    String t = Prescan.containsIgnoreCase(text, "http") || Prescan.containsIgnoreCase(text, "www.")
        ? URL.matcher(text).replaceAll(" xurl ") : text;
    t = (t.indexOf('@') >= 0 ? MENTION.matcher(t).replaceAll(" xuser ") : t).replace('#', ' ');
    if (Prescan.hasRepeatedCodePoint(t, 3)) {
      t = REPEATS.matcher(t).replaceAll("$1$1");
    }
    if (Prescan.containsAny(t, ":;=8<^")) {
      t = EMOTICON_POS.matcher(t).replaceAll(" xemopos ");
    }
    if (Prescan.containsAny(t, ":;=<>")) {
      t = EMOTICON_NEG.matcher(t).replaceAll(" xemoneg ");
    }
    if (Prescan.mayHoldEmoji(t)) {
      t = replaceEmoji(t);
    }
    if (Prescan.hasUppercaseRun(t, 3) && !t.equals(t.toUpperCase(Locale.ROOT)) && CAPS_WORD.matcher(t).find()) {
      out.add("xcaps");
    }
    if (t.indexOf('!') >= 0) {
      out.add("xexcl");
    }
    if (french && Prescan.hasApostrophe(t)) {
      t = ELIDED_NE.matcher(t).replaceAll("ne ");
    }
    Analyzer analyzer = french ? FRENCH : ENGLISH;
    LexiconScorer lexicon = LexiconScorer.forLanguage(french ? "fr" : "en");
    for (String clause : CLAUSE.split(t)) {
      analyseClause(analyzer, clause, out);
      polarityTerms(lexicon, clause, out);
    }
    return out;
  }

  /**
   * One {@code xlexpos} / {@code xlexneg} term per lexicon word of the clause ({@code not_} when in
   * a negation's scope): features that carry over to domains whose words training never saw.
   */
  private static void polarityTerms(LexiconScorer lexicon, String clause, List<String> out) {
    boolean negated = false;
    for (String w : WORDS.split(clause.toLowerCase(Locale.ROOT))) {
      if (w.isEmpty()) {
        continue;
      }
      if (NEGATORS.contains(w) || w.endsWith("n't")) {
        negated = true;
        continue;
      }
      Double v = lexicon.valence(w);
      if (v != null && v != 0) {
        out.add((negated ? NEGATED : "") + (v > 0 ? "xlexpos" : "xlexneg"));
      }
    }
  }

  /** Character 3- to 5-grams of each word of {@code terms}, word-bounded ("&lt;bo", "bon&gt;"). */
  public static List<String> charGrams(List<String> terms) {
    List<String> out = new ArrayList<>();
    for (String term : terms) {
      String w = "<" + term + ">";
      for (int n = 3; n <= 5; n++) {
        for (int i = 0; i + n <= w.length(); i++) {
          out.add(w.substring(i, i + n));
        }
      }
    }
    return out;
  }

  private static String replaceEmoji(String t) {
    Matcher m = EMOJI.matcher(t);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      Double v = Lexicons.EMOJI.get(m.group());
      if (v == null) {
        v = Lexicons.EMOJI.get(m.group().substring(0, Character.charCount(m.group().codePointAt(0))));
      }
      String token = v == null || v == 0 ? " xemo " : v > 0 ? " xemopos " : " xemoneg ";
      m.appendReplacement(sb, token);
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static void analyseClause(Analyzer analyzer, String clause, List<String> out) {
    boolean negated = false;
    try (TokenStream ts = analyzer.tokenStream("text", clause)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        String w = term.toString();
        if (CONTRAST.contains(w)) {
          out.add("xbut");
          negated = false;
        } else if (NEGATORS.contains(w) || w.endsWith("n't")) {
          out.add(w);
          negated = true;
        } else {
          out.add(negated ? NEGATED + w : w);
        }
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
