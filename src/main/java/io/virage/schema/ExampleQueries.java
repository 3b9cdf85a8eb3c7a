package io.virage.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Three example queries per output table, for the table reference in docs/tables.md. A test runs every
 * one of them through {@code sql} on a demo lakehouse, so they stay valid as the tables evolve.
 */
public final class ExampleQueries {
  private ExampleQueries() {}

  /** A question an analyst asks, and the Spark SQL that answers it. */
  public record Example(String question, String sql) {}

  /**
   * "What did the ranking look like last Tuesday?": the table as it was at the end of the most
   * recent Tuesday before today (Delta time travel), whatever run dates it held then.
   */
  /** The user id the examples about one person ask about; replace it by the one you mean. */
  public static final String SOME_USER = "u42";

  public static final String LAST_TUESDAY = """
      SELECT run_date, brand_id, rank, handle, score, tier
      FROM ambassador_rankings TIMESTAMP AS OF timestamp(next_day(date_sub(current_date(), 8), 'TU') + 1)
      WHERE run_date = (SELECT max(run_date) FROM ambassador_rankings
                        TIMESTAMP AS OF timestamp(next_day(date_sub(current_date(), 8), 'TU') + 1))
        AND rank <= 10
      ORDER BY brand_id, rank""";

  private static final Map<String, List<Example>> BY_TABLE = new LinkedHashMap<>();

  static {
    put(OutputTables.QUARANTINE,
        ex("How many rows were rejected per dataset and reason on the latest run date?", """
            SELECT dataset, reason, count(*) AS rows_rejected FROM quarantine
            WHERE run_date = (SELECT max(run_date) FROM quarantine)
            GROUP BY dataset, reason ORDER BY rows_rejected DESC"""),
        ex("Which files sent the most bad rows, over all run dates?", """
            SELECT source_file, count(*) AS rows_rejected FROM quarantine
            GROUP BY source_file ORDER BY rows_rejected DESC LIMIT 10"""),
        ex("Show a few rejected interactions with the column at fault.", """
            SELECT reason, column_name, row_json FROM quarantine
            WHERE dataset = 'interactions' ORDER BY run_date DESC, reason LIMIT 5"""));
    put(OutputTables.INFLUENCE_SCORES,
        ex("Who are the 10 most influential users on the latest run date?", """
            SELECT user_id, pagerank, pagerank_rank, followers_count, engaged_users, kcore FROM influence_scores
            WHERE run_date = (SELECT max(run_date) FROM influence_scores)
            ORDER BY pagerank_rank LIMIT 10"""),
        ex("Do the accounts with the most followers also rank high by PageRank?", """
            SELECT user_id, followers_count, pagerank_rank FROM influence_scores
            WHERE run_date = (SELECT max(run_date) FROM influence_scores)
            ORDER BY followers_count DESC LIMIT 100"""),
        ex("How many accounts look like bots, per bot-likelihood band?", """
            SELECT floor(bot_likelihood * 10) / 10 AS band, count(*) AS users FROM influence_scores
            WHERE run_date = (SELECT max(run_date) FROM influence_scores)
            GROUP BY band ORDER BY band"""));
    put(OutputTables.BRAND_INFLUENCE,
        ex("Who carries the most influence for each brand (top 5 by brand PageRank)?", """
            SELECT brand_id, brand_rank, user_id, pagerank FROM brand_influence
            WHERE run_date = (SELECT max(run_date) FROM brand_influence) AND brand_rank <= 5
            ORDER BY brand_id, brand_rank"""),
        ex("Which users rank far higher for a brand than globally?", """
            SELECT b.brand_id, b.user_id, b.brand_rank, i.pagerank_rank AS global_rank
            FROM brand_influence b JOIN influence_scores i USING (run_date, user_id)
            WHERE b.run_date = (SELECT max(run_date) FROM brand_influence) AND b.brand_rank <= 20
            ORDER BY i.pagerank_rank - b.brand_rank DESC LIMIT 10"""),
        ex("How concentrated is each brand's influence (share held by its top 10)?", """
            SELECT brand_id, sum(CASE WHEN brand_rank <= 10 THEN pagerank ELSE 0 END) AS top10_share, count(*) AS users
            FROM brand_influence WHERE run_date = (SELECT max(run_date) FROM brand_influence)
            GROUP BY brand_id ORDER BY brand_id"""));
    put(OutputTables.SENTIMENT_MODELS,
        ex("Which model is champion, and how good is it on held-out data?", """
            SELECT version, created_at, macro_f1, accuracy, decision FROM sentiment_models WHERE is_champion"""),
        ex("How did every trained model compare with the champion of its day?", """
            SELECT version, macro_f1, champion_macro_f1, macro_f1 - champion_macro_f1 AS gain, is_champion, decision
            FROM sentiment_models ORDER BY version"""),
        ex("Per-language held-out macro-F1 of the champion.", """
            SELECT version, get_json_object(metrics, '$.per_language.en.macro_f1') AS en_macro_f1,
                   get_json_object(metrics, '$.per_language.fr.macro_f1') AS fr_macro_f1
            FROM sentiment_models WHERE is_champion"""));
    put(OutputTables.MODEL_EVENTS,
        ex("The history of every model version, oldest first: who trained, promoted or demoted it, and why.", """
            SELECT event_at, version, event, command, actor, reason FROM model_events ORDER BY event_at, version"""),
        ex("Who changed the champion, when, and from which run (joinable to job_runs)?", """
            SELECT e.event_at, e.version, e.actor, e.reason, r.command, r.git_commit
            FROM model_events e JOIN (SELECT DISTINCT run_id, command, git_commit FROM job_runs) r ON r.run_id = e.run_id
            WHERE e.event = 'promoted' ORDER BY e.event_at"""),
        ex("How long did each version stay champion?", """
            SELECT version, event_at AS promoted_at,
                   lead(event_at) OVER (ORDER BY event_at) AS replaced_at
            FROM model_events WHERE event = 'promoted' ORDER BY event_at"""));
    put(OutputTables.MODEL_EVALUATIONS,
        ex("Every stored evaluation, newest first.", """
            SELECT evaluated_at, version, labels_source, n, accuracy, macro_f1 FROM model_evaluations
            ORDER BY evaluated_at DESC"""),
        ex("The champion on each labelled set it was evaluated on.", """
            SELECT e.labels_source, e.n, e.macro_f1, e.evaluated_at FROM model_evaluations e
            JOIN sentiment_models m ON m.version = e.version WHERE m.is_champion ORDER BY e.labels_source"""),
        ex("Versions compared on the same labelled rows (same fingerprint), best first.", """
            SELECT labels_fingerprint, version, macro_f1, accuracy FROM model_evaluations
            ORDER BY labels_fingerprint, macro_f1 DESC"""));
    put(OutputTables.POST_SENTIMENT,
        ex("What share of the posts about each brand is positive, neutral, negative?", """
            SELECT brand_id, label, count(*) AS posts FROM post_sentiment LATERAL VIEW explode(brand_ids) b AS brand_id
            GROUP BY brand_id, label ORDER BY brand_id, label"""),
        ex("The most negative posts about a brand in the last 7 days of data.", """
            SELECT post_id, author_id, ts, lang, score FROM post_sentiment
            WHERE array_contains(brand_ids, 'aurora') AND ts >= (SELECT max(ts) FROM post_sentiment) - INTERVAL 7 DAYS
            ORDER BY score LIMIT 10"""),
        ex("Where do the model and the lexicon disagree most?", """
            SELECT post_id, label, score, lexicon_compound FROM post_sentiment
            ORDER BY abs(score - lexicon_compound) DESC LIMIT 10"""));
    put(OutputTables.USER_BRAND_SENTIMENT,
        ex("Who are each brand's most convinced fans (at least 5 posts)?", """
            SELECT brand_id, user_id, posts, sentiment, confidence FROM user_brand_sentiment
            WHERE run_date = (SELECT max(run_date) FROM user_brand_sentiment) AND posts >= 5
            ORDER BY brand_id, sentiment DESC LIMIT 20"""),
        ex("How many detractors does each brand have?", """
            SELECT brand_id, count_if(label = 'negative') AS detractors, count(*) AS users FROM user_brand_sentiment
            WHERE run_date = (SELECT max(run_date) FROM user_brand_sentiment) GROUP BY brand_id ORDER BY brand_id"""),
        ex("How has the number of positive users per brand moved across run dates?", """
            SELECT run_date, brand_id, count_if(label = 'positive') AS positive_users FROM user_brand_sentiment
            GROUP BY run_date, brand_id ORDER BY brand_id, run_date"""));
    put(OutputTables.AMBASSADOR_CANDIDATES,
        ex("Why isn't a user ranked? (every brand, the latest run date)", """
            SELECT brand_id, eligible, reason, brand_sentiment, bot_likelihood FROM ambassador_candidates
            WHERE run_date = (SELECT max(run_date) FROM ambassador_candidates) AND user_id = '""" + SOME_USER + "'"),
        ex("How many candidates each exclusion reason removed, per brand.", """
            SELECT brand_id, coalesce(reason, 'eligible') AS outcome, count(*) AS users FROM ambassador_candidates
            WHERE run_date = (SELECT max(run_date) FROM ambassador_candidates)
            GROUP BY brand_id, outcome ORDER BY brand_id, outcome"""),
        ex("Employees who posted about their brand but are not eligible.", """
            SELECT brand_id, user_id, reason FROM ambassador_candidates
            WHERE run_date = (SELECT max(run_date) FROM ambassador_candidates) AND is_employee AND NOT eligible"""));
    put(OutputTables.AMBASSADOR_RANKINGS,
        ex("Each brand's top 10 ambassadors with their explanation.", """
            SELECT brand_id, rank, handle, round(score, 3) AS score, tier, explanation FROM ambassador_rankings
            WHERE run_date = (SELECT max(run_date) FROM ambassador_rankings) AND rank <= 10
            ORDER BY brand_id, rank"""),
        ex("What did the ranking look like last Tuesday? (Delta time travel)", LAST_TUESDAY),
        ex("The ranking of an earlier version of the table (after its first write).", """
            SELECT brand_id, rank, handle, score FROM ambassador_rankings VERSION AS OF 1
            WHERE rank <= 3 ORDER BY brand_id, rank"""));
    put(OutputTables.AMBASSADOR_ROSTER,
        ex("Each brand's roster, in pick order, with the reach each pick adds.", """
            SELECT brand_id, pick, handle, rank, community, marginal_reach, cumulative_reach FROM ambassador_roster
            WHERE run_date = (SELECT max(run_date) FROM ambassador_roster) ORDER BY brand_id, pick"""),
        ex("How much more audience does the roster reach than the top 10?", """
            SELECT brand_id, max(cumulative_reach) AS roster_reach, max(top_k_reach) AS top_k_reach
            FROM ambassador_roster WHERE run_date = (SELECT max(run_date) FROM ambassador_roster)
            GROUP BY brand_id ORDER BY brand_id"""),
        ex("Roster picks that are not in the top 10 by score.", """
            SELECT brand_id, pick, handle, rank FROM ambassador_roster
            WHERE run_date = (SELECT max(run_date) FROM ambassador_roster) AND rank > 10 ORDER BY brand_id, pick"""));
    put(OutputTables.BRAND_TRUST,
        ex("Which brands answer their community? (latest run date, most trusted first)", """
            SELECT brand_id, round(trust_index, 2) AS trust_index, round(answered_share, 2) AS answered,
                   round(complaints_answered_share, 2) AS complaints_answered, round(median_answer_hours, 1) AS median_hours
            FROM brand_trust WHERE run_date = (SELECT max(run_date) FROM brand_trust) ORDER BY trust_index DESC"""),
        ex("Complaints left unanswered, per brand and run date.", """
            SELECT run_date, brand_id, complaints, complaints - complaints_answered AS unanswered,
                   round(complaints_p90_answer_hours, 1) AS p90_hours FROM brand_trust ORDER BY brand_id, run_date"""),
        ex("How did each brand's trust and advocates move since the previous run date?", """
            SELECT t.run_date, t.brand_id, round(t.trust_index, 3) AS trust_index, round(t.trust_index_change, 3) AS change,
                   b.advocates_change, b.detractors_change FROM brand_trust_trend t JOIN brand_trust b
            ON t.run_date = b.run_date AND t.brand_id = b.brand_id ORDER BY t.brand_id, t.run_date"""));
    put(OutputTables.AMBASSADOR_CONVERSIONS,
        ex("Who drove each brand's conversions? (latest run date, top 5 per brand)", """
            SELECT brand_id, conversion_rank, handle, round(attributed_conversions, 1) AS conversions,
                   round(attributed_value, 2) AS value, referrals, rank, tier
            FROM conversion_leaders WHERE run_date = (SELECT max(run_date) FROM ambassador_conversions)
              AND conversion_rank <= 5 ORDER BY brand_id, conversion_rank"""),
        ex("Attributed conversions and value per brand and run date.", """
            SELECT run_date, brand_id, round(sum(attributed_conversions), 1) AS conversions,
                   round(sum(attributed_value), 2) AS value, sum(referrals) AS referrals, count(*) AS users_credited
            FROM ambassador_conversions GROUP BY run_date, brand_id ORDER BY brand_id, run_date"""),
        ex("Do the best-ranked ambassadors convert? Attributed conversions by tier (latest run date).", """
            SELECT r.brand_id, r.tier, count(*) AS ambassadors, round(sum(r.attributed_conversions), 1) AS conversions
            FROM ambassador_rankings r WHERE r.run_date = (SELECT max(run_date) FROM ambassador_rankings)
            GROUP BY r.brand_id, r.tier ORDER BY r.brand_id, r.tier"""));
    put(OutputTables.CAMPAIGN_PLANS,
        ex("The latest plan of each brand, in pick order, with what each pick costs and adds.", """
            SELECT p.brand_id, p.budget, p.pick, p.handle, p.tier, p.cost, p.marginal_reach, p.cumulative_reach
            FROM campaign_plans p JOIN (SELECT brand_id, max_by(plan_id, planned_at) AS plan_id FROM campaign_plans
            GROUP BY brand_id) l ON p.plan_id = l.plan_id ORDER BY p.brand_id, p.pick"""),
        ex("Reach bought per budget: every plan, cheapest first.", """
            SELECT run_date, brand_id, budget, method, picks, cost, reach, round(reach_per_cost, 3) AS reach_per_cost
            FROM campaign_plan_summary ORDER BY brand_id, budget"""),
        ex("Which tiers does each plan spend its budget on?", """
            SELECT plan_id, brand_id, budget, tier, count(*) AS picks, sum(cost) AS cost FROM campaign_plans
            GROUP BY plan_id, brand_id, budget, tier ORDER BY brand_id, budget, tier"""));
    put(OutputTables.JOB_RUNS,
        ex("The last 10 stage runs, newest first.", """
            SELECT run_date, command, stage, status, round(seconds, 1) AS seconds, rows_in, rows_out, error
            FROM job_runs ORDER BY started_at DESC LIMIT 10"""),
        ex("Did every stage succeed on each run date (latest attempt)?", """
            SELECT run_date, stage, status, seconds FROM stage_timings ORDER BY run_date DESC, stage"""),
        ex("Read, loaded and quarantined rows per dataset in the latest validation.", """
            SELECT run_date, get_json_object(details, '$.interactions.read') AS interactions_read,
                   get_json_object(details, '$.interactions.quarantined') AS interactions_quarantined,
                   get_json_object(details, '$.posts.read') AS posts_read,
                   get_json_object(details, '$.posts.quarantined') AS posts_quarantined
            FROM job_runs WHERE stage = 'validate' ORDER BY started_at DESC LIMIT 1"""));
  }

  static {
    put(OutputTables.BRANDS,
        ex("The brands, with their accounts and keywords.", """
            SELECT brand_id, name, handles, keywords FROM brands ORDER BY brand_id"""),
        ex("Each brand's current top 3 ambassadors, under the brand's name.", """
            SELECT b.name AS brand, r.rank, r.handle, round(r.score, 3) AS score
            FROM latest_ranking r JOIN brands b ON b.brand_id = r.brand_id WHERE r.rank <= 3 ORDER BY b.name, r.rank"""),
        ex("Ranked ambassadors per brand name on the latest run date.", """
            SELECT b.name AS brand, count(*) AS ranked FROM latest_ranking r JOIN brands b ON b.brand_id = r.brand_id
            GROUP BY b.name ORDER BY ranked DESC"""));
    put(OutputTables.USERS_PUBLIC,
        ex("The top 10 of each brand with their display names.", """
            SELECT r.brand_id, r.rank, r.handle, u.display_name, r.tier FROM latest_ranking r
            LEFT JOIN users_public u ON u.user_id = r.user_id WHERE r.rank <= 10 ORDER BY r.brand_id, r.rank"""),
        ex("Who is behind a handle?", """
            SELECT user_id, handle, display_name FROM users_public WHERE lower(handle) = lower('@aurora_fr')"""),
        ex("The roster picks with their display names.", """
            SELECT o.brand_id, o.pick, o.handle, u.display_name, o.marginal_reach FROM ambassador_roster o
            LEFT JOIN users_public u ON u.user_id = o.user_id
            WHERE o.run_date = (SELECT max(run_date) FROM ambassador_roster) ORDER BY o.brand_id, o.pick"""));
    put(OutputTables.ERASURES,
        ex("How many people were erased, per month?", """
            SELECT date_trunc('MONTH', erased_at) AS month, count(*) AS people FROM erasures GROUP BY 1 ORDER BY 1"""),
        ex("Was this user id erased? (compare hashes; the id itself is not stored)", """
            SELECT erased_at, request, rows_deleted FROM erasures WHERE user_key = sha2('""" + SOME_USER + "', 256)"),
        ex("How many input rows naming erased people were quarantined on each run date?", """
            SELECT run_date, dataset, count(*) AS rows_quarantined FROM quarantine
            WHERE reason = 'erased_user' GROUP BY run_date, dataset ORDER BY run_date, dataset"""));
  }

  /** The examples of a table (three for every output table). */
  public static List<Example> of(OutputTables.Table table) {
    return BY_TABLE.getOrDefault(table.name(), List.of());
  }

  private static void put(OutputTables.Table table, Example... examples) {
    BY_TABLE.put(table.name(), List.of(examples));
  }

  private static Example ex(String question, String sql) {
    return new Example(question, sql);
  }
}
