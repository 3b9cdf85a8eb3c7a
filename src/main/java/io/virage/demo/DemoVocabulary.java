package io.virage.demo;

import java.util.List;

/**
 * Words the demo generator builds posts from: brands, and French and English sentence templates by
 * polarity. {@code {b}} is the subject (a brand keyword or handle, or an everyday topic) and
 * {@code {x}} an aspect; with several templates, aspects, subjects and endings per language and
 * polarity, a few thousand users already write thousands of distinct sentences.
 */
final class DemoVocabulary {
  private DemoVocabulary() {}

  /**
   * A demo brand. {@code refs} are the ways a post names it: keywords and handles. Its community
   * care (planted for brand_trust): its first account replies to {@code answerShare} of the mentions
   * and replies addressed to its accounts and to {@code complaintAnswerShare} of the negative posts
   * about it, after a delay uniform in [0, 2 x {@code answerHours}] hours.
   */
  record Brand(String id, String name, List<String> handles, List<String> keywords, double answerShare,
      double complaintAnswerShare, double answerHours) {
    List<String> refs() {
      return java.util.stream.Stream.concat(keywords.stream(), handles.stream()).toList();
    }
  }

  // Keywords deliberately include accents, '#' and spaces: brand detection must cope with them.
  // Aurora answers nearly everyone fast, complaints included; Boréal answers mentions but ignores complaints.
  static final List<Brand> BRANDS = List.of(
      new Brand("aurora", "Aurora Cosmetics", List.of("@aurora", "@aurora_fr"),
          List.of("Aurora Cosmetics", "#auroraglow"), 0.9, 0.9, 3),
      new Brand("boreal", "Boréal Outdoor", List.of("@boreal", "@boreal_fr"),
          List.of("Boréal Outdoor", "#borealtrail"), 0.7, 0.0, 8),
      new Brand("cobalt", "Cobalt Mobile", List.of("@cobaltmobile", "@cobalt_fr"),
          List.of("Cobalt Mobile", "#cobalt5g"), 0.5, 0.4, 12),
      new Brand("dune", "Dune Coffee", List.of("@dunecoffee", "@dune_fr"),
          List.of("Dune Coffee", "#dunecoffee"), 0.5, 0.4, 12),
      new Brand("elan", "Élan Motors", List.of("@elanmotors", "@elan_fr"),
          List.of("Élan Motors", "#élanEV"), 0.3, 0.2, 20));

  /** The brand planted as answering its community, complaints included. */
  static final String RESPONSIVE_BRAND = "aurora";
  /** The brand planted as answering mentions but ignoring complaints. */
  static final String IGNORES_COMPLAINTS_BRAND = "boreal";

  static final String[] ASPECTS_EN = {"the new range", "customer service", "the app", "delivery",
      "the price", "the latest launch", "the loyalty programme", "the quality"};
  static final String[] ASPECTS_FR = {"la nouvelle gamme", "le service client", "l'appli",
      "la livraison", "le prix", "le dernier lancement", "le programme de fidélité", "la qualité"};

  /** Everyday subjects for posts about no brand. */
  static final String[] TOPICS_EN = {"the local bakery", "my gym", "this new series",
      "the train company", "our city council", "this podcast", "the corner shop", "my landlord"};
  static final String[] TOPICS_FR = {"la boulangerie du coin", "ma salle de sport",
      "cette nouvelle série", "la compagnie de train", "la mairie", "ce podcast",
      "l'épicerie du quartier", "mon propriétaire"};

  static final String[] POSITIVE_EN = {
      "Really impressed by {x} from {b}",
      "{b} just nailed it, {x} is amazing",
      "Can't get enough of {b}! {x} is great",
      "Huge thanks to {b}, {x} was excellent",
      "{x} from {b} is the best I have tried",
      "Loving {x} by {b}, highly recommend",
      "So happy with {b} and {x}",
      "{b} never disappoints, {x} is brilliant"};
  static final String[] NEGATIVE_EN = {
      "Really disappointed by {x} from {b}",
      "{b}, {x} is terrible and nobody answers",
      "Never buying from {b} again, {x} was awful",
      "{x} from {b} broke after a week, what a waste",
      "Worst experience with {b}, {x} is a joke",
      "{b} is not worth it, {x} is so bad",
      "Avoid {b}: {x} is poor and overpriced",
      "I hate how {b} handled {x}"};
  static final String[] NEUTRAL_EN = {
      "Has anyone tried {x} from {b}?",
      "{b} announced changes to {x} today",
      "Reading about {x} at {b}",
      "Looking at {b} for {x}, any thoughts?",
      "{b} posted an update on {x}",
      "Comparing {x} from {b} with others",
      "Heading to {b} to check {x}",
      "Is {x} from {b} available in my city?"};
  static final String[] POSITIVE_FR = {
      "Vraiment impressionné par {x} de {b}",
      "{b} a tout bon, {x} est génial",
      "J'adore {b} ! {x} est top",
      "Merci à {b}, {x} était excellent",
      "{x} de {b} est le meilleur que j'ai essayé",
      "Je recommande {b}, {x} est super",
      "Trop contente de {b} et de {x}",
      "{b} ne déçoit jamais, {x} est parfait"};
  static final String[] NEGATIVE_FR = {
      "Vraiment déçu par {x} de {b}",
      "{b}, {x} est nul et personne ne répond",
      "Plus jamais {b}, {x} était horrible",
      "{x} de {b} a lâché au bout d'une semaine, quelle arnaque",
      "Pire expérience avec {b}, {x} est une blague",
      "{b} n'en vaut pas la peine, {x} est mauvais",
      "Évitez {b} : {x} est médiocre et trop cher",
      "Je déteste comment {b} a géré {x}"};
  static final String[] NEUTRAL_FR = {
      "Quelqu'un a testé {x} de {b} ?",
      "{b} a annoncé des changements sur {x} aujourd'hui",
      "Je lis un article sur {x} chez {b}",
      "Je regarde {b} pour {x}, des avis ?",
      "{b} a publié une mise à jour sur {x}",
      "Je compare {x} de {b} avec d'autres",
      "Je passe chez {b} pour voir {x}",
      "{x} de {b} est-il dispo dans ma ville ?"};

  static final String[] ENDINGS_POSITIVE = {"", "!", " 😍", " 👍", " :)", " #happy", "!!", " ❤️"};
  static final String[] ENDINGS_NEGATIVE = {"", "!", " 😡", " 👎", " :(", " #fail", "...", " 🙄"};
  static final String[] ENDINGS_NEUTRAL = {"", ".", " 🤔", " #question", "", ".", " #news", ""};
}
