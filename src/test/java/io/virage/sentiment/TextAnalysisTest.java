package io.virage.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextAnalysisTest {
  @Test
  void englishNegationScopeEndsAtPunctuationAndContrast() {
    List<String> t = TextAnalysis.terms("I don't like this phone, the screen is great", "en");
    assertTrue(t.contains("not_like"), t.toString());
    assertTrue(t.contains("great"), "scope ends at the comma: " + t);
    List<String> c = TextAnalysis.terms("not cheap but good", "en");
    assertTrue(c.contains("xbut") && c.contains("good") && c.contains("not_cheap"), c.toString());
  }

  @Test
  void frenchElisionNegationAndStemming() {
    List<String> t = TextAnalysis.terms("Je n'aime pas l'appli", "fr");
    assertTrue(t.contains("ne") && t.contains("not_aime"), t.toString());
    assertTrue(t.stream().anyMatch(w -> w.startsWith("not_apl")), "l' removed by Lucene's elision filter: " + t);
    // Light stemming and accent folding: singular and plural, with or without accents, meet.
    assertEquals(TextAnalysis.terms("déçue", "fr"), TextAnalysis.terms("decues", "fr"));
  }

  @Test
  void socialTokensAreNormalised() {
    List<String> t = TextAnalysis.terms("WOW @bob look http://x.co/a #happy 😍 :( soooo", "en");
    assertTrue(t.containsAll(List.of("xcaps", "xuser", "xurl", "happi", "xemopos", "xemoneg")), t.toString());
    assertTrue(t.contains("soo"), "repeats cut to two: " + t);
  }

  @Test
  void languageDetection() {
    assertEquals("fr", TextAnalysis.detectLanguage("Je ne suis pas content de la livraison"));
    assertEquals("en", TextAnalysis.detectLanguage("I am not happy with the delivery"));
    assertEquals("fr", TextAnalysis.detectLanguage("Génial"));
    assertEquals("en", TextAnalysis.detectLanguage(null));
  }

  @Test
  void otherLanguagesAreNamedNotGuessedAsEnglishOrFrench() {
    // Sentences written for this test, each with two or more of its language's own function words.
    assertEquals("es", TextAnalysis.detectLanguage("El producto es muy bueno pero la entrega fue lenta"));
    assertEquals("de", TextAnalysis.detectLanguage("Das ist nicht gut, ich bin sehr enttäuscht"));
    assertEquals("it", TextAnalysis.detectLanguage("Questo prodotto non è molto buono"));
    assertEquals("pt", TextAnalysis.detectLanguage("Eu não gosto muito, é ruim"));
    assertEquals("nl", TextAnalysis.detectLanguage("Het is echt heel goed, dank je"));
    assertEquals(TextAnalysis.UNSUPPORTED, TextAnalysis.detectLanguage("Это очень хороший продукт"));
    assertEquals(TextAnalysis.UNSUPPORTED, TextAnalysis.detectLanguage("この製品はとても良いです @aurora"));
    // French and English that share words with those languages stay French and English.
    assertEquals("fr", TextAnalysis.detectLanguage("Il y a une erreur, tu es nul"));
    assertEquals("en", TextAnalysis.detectLanguage("I met him at the van, it is a great day"));
    // A declared code wins, lower-cased and without its region.
    assertEquals("en", TextAnalysis.resolveLanguage("Das ist nicht gut", "en-GB"));
    assertEquals("es", TextAnalysis.resolveLanguage("great product", "ES"));
    assertEquals("fr", TextAnalysis.resolveLanguage("Génial", null));
  }

  @Test
  void charGramsAreWordBounded() {
    assertEquals(List.of("<ab", "ab>", "<ab>"), TextAnalysis.charGrams(List.of("ab")));
  }
}
