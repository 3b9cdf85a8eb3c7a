package io.virage.sentiment;

/**
 * Cheap scans of a text that tell when one of the text analysis's regular expressions cannot
 * match it, so that the expression is not run: every one answers "maybe" (true) whenever the
 * expression could match, so skipping on false never changes a result. Scoring 1.6 million
 * posts ran about a dozen expressions per post and one per word missing from the lexicon; most
 * posts have no URL, mention, emoticon, emoji, elision or repeated letter.
 */
final class Prescan {
  private Prescan() {}

  /** Whether {@code s} contains {@code needle}, ASCII letters compared without case (as {@code (?i)}). */
  static boolean containsIgnoreCase(String s, String needle) {
    for (int i = 0, last = s.length() - needle.length(); i <= last; i++) {
      if (s.regionMatches(true, i, needle, 0, needle.length())) {
        return true;
      }
    }
    return false;
  }

  /** Whether some code point of {@code s} is repeated {@code run} times in a row (needed by {@code (\p{L})\1{2,}}). */
  static boolean hasRepeatedCodePoint(String s, int run) {
    int previous = -1;
    int length = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      length = cp == previous ? length + 1 : 1;
      if (length >= run) {
        return true;
      }
      previous = cp;
      i += Character.charCount(cp);
    }
    return false;
  }

  /** Whether {@code s} has {@code run} uppercase letters ({@code \p{Lu}}) in a row. */
  static boolean hasUppercaseRun(String s, int run) {
    int length = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      length = Character.getType(cp) == Character.UPPERCASE_LETTER ? length + 1 : 0;
      if (length >= run) {
        return true;
      }
      i += Character.charCount(cp);
    }
    return false;
  }

  /** Whether {@code s} contains one of the characters of {@code chars}. */
  static boolean containsAny(String s, String chars) {
    return firstOf(s, chars) >= 0;
  }

  /** The index of the first character of {@code s} that is one of {@code chars}, or -1. */
  static int firstOf(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Whether {@code s} may hold a pictograph of U+2600..U+27BF or U+1F300..U+1FAFF: a character of
   * the first block, or any high surrogate (the second block lies outside the 16-bit range).
   */
  static boolean mayHoldEmoji(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c >= '\u2600' && c <= '\u27BF') || Character.isHighSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code s} holds an apostrophe, straight or typographic (every elision pattern needs one). */
  static boolean hasApostrophe(String s) {
    return s.indexOf('\'') >= 0 || s.indexOf('\u2019') >= 0;
  }

  /** Whether every character of {@code s} is ASCII (no accent to fold, no combining mark). */
  static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }
}
