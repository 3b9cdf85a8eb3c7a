package io.virage.report;

import static io.virage.report.Svg.esc;

import io.virage.ranking.ScoreComponent;
import io.virage.report.ReportData.Ambassador;
import io.virage.report.ReportData.Brand;
import io.virage.report.ReportData.DatasetCounts;
import io.virage.report.ReportData.Pick;
import io.virage.report.ReportData.Quality;
import io.virage.report.ReportData.Stage;
import io.virage.report.ReportData.Trend;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link ReportData} as one self-contained HTML page: inline CSS, charts as inline SVG,
 * no network resource. A few lines of inline script only record, on {@code <body>}, how many charts
 * the browser laid out and whether any script error happened (what the browser test reads).
 */
final class HtmlReport {
  private HtmlReport() {}

  /** Days the sentiment trend sums over at each point: a day holds few posts about a brand. */
  static final int TREND_SMOOTHING = 7;

  private static final Map<String, String> TIER_COLORS = Map.of("gold", "#d4a017", "silver", "#9ea3a8", "bronze", "#b87333");

  static String render(ReportData d, String generatedAt) {
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>Virage report ").append(d.runDate()).append("</title>")
        .append("<script>window.__errors=[];window.addEventListener('error',function(e){window.__errors.push(String(e.message));});")
        .append("window.addEventListener('load',function(){var c=document.querySelectorAll('svg.chart'),n=0;")
        .append("c.forEach(function(s){var r=s.getBoundingClientRect();if(r.width>0&&r.height>0&&s.querySelector('.mark'))n++;});")
        .append("document.body.setAttribute('data-charts',c.length);document.body.setAttribute('data-charts-drawn',n);")
        .append("document.body.setAttribute('data-errors',window.__errors.length);});</script>")
        .append("<style>")
        .append("body{font-family:sans-serif;margin:24px auto;max-width:1000px;color:#222;padding:0 16px}")
        .append("h1{margin-bottom:4px}h2{border-bottom:2px solid #4e79a7;padding-bottom:4px;margin-top:36px}")
        .append("table{border-collapse:collapse;margin:8px 0 16px;font-size:13px}")
        .append("th,td{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}th{background:#f3f5f8}")
        .append("td.n{text-align:right;font-variant-numeric:tabular-nums}.muted{color:#666;font-size:13px}")
        .append(".cards{display:flex;gap:12px;flex-wrap:wrap}.card{border:1px solid #ddd;border-radius:6px;padding:8px 14px}")
        .append(".card b{display:block;font-size:22px}.up{color:#2e7d32}.down{color:#c62828}.failed{color:#c62828;font-weight:bold}")
        .append("svg.chart{display:block;margin:8px 0 16px;max-width:100%;height:auto}")
        .append("</style></head><body>\n");

    long ranked = d.brands().stream().mapToLong(Brand::ranked).sum();
    long quarantined = d.quality().stream().mapToLong(Quality::rows).sum();
    boolean failed = d.stages().stream().anyMatch(s -> !"succeeded".equals(s.status()));
    b.append("<h1>Virage run report: ").append(d.runDate()).append("</h1>");
    b.append("<p class=\"muted\">Warehouse ").append(esc(d.warehouse())).append(" · run ").append(esc(d.runId()))
        .append(" · Virage ").append(esc(d.codeVersion())).append(" · generated ").append(esc(generatedAt)).append("</p>");
    b.append("<div class=\"cards\">")
        .append(card("status", failed ? "failed" : "succeeded"))
        .append(card("brands", fmt(d.brands().size())))
        .append(card("ranked ambassadors", fmt(ranked)))
        .append(card("quarantined rows", fmt(quarantined)))
        .append(card("total stage time", String.format(Locale.ROOT, "%.1f s",
            d.stages().stream().mapToDouble(Stage::seconds).sum())))
        .append("</div>\n");

    b.append("<nav><p>");
    for (Brand br : d.brands()) {
      b.append("<a href=\"#brand-").append(esc(br.brandId())).append("\">").append(esc(br.name())).append("</a> · ");
    }
    b.append("<a href=\"#tiers\">tiers</a> · <a href=\"#roster\">roster</a> · <a href=\"#conversions\">conversions</a> · <a href=\"#campaigns\">campaign plans</a> · <a href=\"#quality\">data quality</a> · ")
        .append("<a href=\"#stages\">stages</a></p></nav>\n");

    List<Svg.Key> legend = new ArrayList<>();
    for (ScoreComponent c : ScoreComponent.values()) {
      legend.add(new Svg.Key(c.key(), Svg.PALETTE.get(c.ordinal())));
    }
    for (Brand br : d.brands()) {
      b.append("<h2 id=\"brand-").append(esc(br.brandId())).append("\">").append(esc(br.name()))
          .append(br.name().equals(br.brandId()) ? "" : " <span class=\"muted\">(" + esc(br.brandId()) + ")</span>")
          .append("</h2>");
      b.append("<p>").append(fmt(br.candidates())).append(" candidates, ").append(fmt(br.eligible()))
          .append(" eligible, ").append(fmt(br.ranked())).append(" ranked (").append(fmt(br.employees()))
          .append(" employees, ").append(fmt(br.newEntries())).append(" new since the previous run date).</p>");
      if (br.top().isEmpty()) {
        b.append("<p class=\"muted\">No ranked ambassador for this brand on this run date.</p>");
      } else {
        b.append(scoreChart(br, d.weights(), legend));
        b.append("<p class=\"muted\">Each bar is the score split into its weighted components (weights ")
            .append(esc(d.weightsSource())).append(").</p>");
        b.append(rankingTable(br.top()));
      }
      b.append(moversTable(br));
      b.append(trendChart(br, d));
      b.append(trustSection(br, d));
      b.append(drillDown(br, d));
    }

    b.append("<h2 id=\"tiers\">Tiers</h2>");
    List<Svg.Bar> tierBars = new ArrayList<>();
    long maxRanked = 0;
    for (Brand br : d.brands()) {
      List<Svg.Segment> segs = new ArrayList<>();
      for (String t : ReportData.TIERS) {
        long n = br.tiers().getOrDefault(t, 0L);
        segs.add(new Svg.Segment(n, TIER_COLORS.get(t), br.brandId() + " " + t + ": " + fmt(n)));
      }
      maxRanked = Math.max(maxRanked, br.ranked());
      tierBars.add(new Svg.Bar(br.brandId(), segs, ReportData.TIERS.stream()
          .map(t -> fmt(br.tiers().getOrDefault(t, 0L))).reduce((x, y) -> x + " / " + y).orElse("")));
    }
    b.append(Svg.bars("Ranked ambassadors per tier (gold / silver / bronze)", tierBars, maxRanked,
        ReportData.TIERS.stream().map(t -> new Svg.Key(t, TIER_COLORS.get(t))).toList()));

    b.append("<h2 id=\"roster\">Roster reach versus the top-k</h2>");
    List<Svg.Bar> reachBars = new ArrayList<>();
    long maxReach = 1;
    for (Brand br : d.brands()) {
      if (br.roster().isEmpty()) {
        continue;
      }
      Pick last = br.roster().get(br.roster().size() - 1);
      maxReach = Math.max(maxReach, Math.max(last.cumulativeReach(), last.topKReach()));
      reachBars.add(new Svg.Bar(br.brandId() + " roster", List.of(new Svg.Segment(last.cumulativeReach(), Svg.PALETTE.get(0),
          br.brandId() + ": roster of " + last.pick() + " reaches " + fmt(last.cumulativeReach()))), fmt(last.cumulativeReach())));
      reachBars.add(new Svg.Bar(br.brandId() + " top " + last.pick(), List.of(new Svg.Segment(last.topKReach(),
          Svg.PALETTE.get(9), br.brandId() + ": top " + last.pick() + " reach " + fmt(last.topKReach()))), fmt(last.topKReach())));
    }
    if (reachBars.isEmpty()) {
      b.append("<p class=\"muted\">No roster on this run date.</p>");
    } else {
      b.append(Svg.bars("Distinct engaged audience: roster versus the same number of top-ranked", reachBars, maxReach,
          List.of(new Svg.Key("roster (greedy max coverage)", Svg.PALETTE.get(0)), new Svg.Key("top-k by score", Svg.PALETTE.get(9)))));
      b.append("<table><tr><th>brand</th><th>pick</th><th>handle</th><th>rank</th><th>community</th>")
          .append("<th>adds</th><th>reach</th><th>top-k reach</th></tr>");
      for (Brand br : d.brands()) {
        for (Pick p : br.roster()) {
          b.append("<tr><td>").append(esc(br.brandId())).append("</td><td class=\"n\">").append(p.pick())
              .append("</td><td>").append(esc(p.handle())).append("</td><td class=\"n\">").append(p.rank())
              .append("</td><td>").append(esc(p.community())).append("</td><td class=\"n\">").append(fmt(p.marginalReach()))
              .append("</td><td class=\"n\">").append(fmt(p.cumulativeReach())).append("</td><td class=\"n\">")
              .append(fmt(p.topKReach())).append("</td></tr>");
        }
      }
      b.append("</table>");
    }

    b.append("<h2 id=\"conversions\">Conversions attributed</h2>");
    if (d.converters().isEmpty()) {
      b.append("<p class=\"muted\">No conversion credited on this run date: without a conversions dataset in the input,"
          + " conversions are unknown and weigh nothing in the score.</p>");
    } else {
      b.append("<p>The users credited with the most of each brand's conversions (conversion_leaders; method and window"
          + " in docs/pipeline.md).</p><table><tr><th>brand</th><th>#</th><th>handle</th><th>conversions</th>")
          .append("<th>value</th><th>referrals</th><th>ambassador rank</th></tr>");
      for (ReportData.Converter c : d.converters()) {
        b.append("<tr><td>").append(esc(c.brandId())).append("</td><td class=\"n\">").append(c.conversionRank())
            .append("</td><td>").append(esc(c.handle())).append("</td><td class=\"n\">")
            .append(String.format(Locale.ROOT, "%,.1f", c.attributed())).append("</td><td class=\"n\">")
            .append(c.value() == null ? "-" : String.format(Locale.ROOT, "%,.2f", c.value())).append("</td><td class=\"n\">")
            .append(fmt(c.referrals())).append("</td><td class=\"n\">").append(c.rank() == null ? "-" : c.rank())
            .append("</td></tr>");
      }
      b.append("</table>");
    }

    b.append("<h2 id=\"campaigns\">Campaign plans</h2>");
    if (d.plans().isEmpty()) {
      b.append("<p class=\"muted\">No campaign planned from this run date (plan-campaign --brand B --budget AMOUNT).</p>");
    } else {
      b.append("<table><tr><th>brand</th><th>budget</th><th>method</th><th>picks</th><th>cost</th><th>reach</th>")
          .append("<th>reach per 1,000 spent</th><th>plan</th></tr>");
      for (ReportData.Plan p : d.plans()) {
        b.append("<tr><td>").append(esc(p.brandId())).append("</td><td class=\"n\">")
            .append(String.format(Locale.ROOT, "%,.2f", p.budget())).append("</td><td>").append(esc(p.method()))
            .append("</td><td class=\"n\">").append(fmt(p.picks())).append("</td><td class=\"n\">")
            .append(String.format(Locale.ROOT, "%,.2f", p.cost())).append("</td><td class=\"n\">").append(fmt(p.reach()))
            .append("</td><td class=\"n\">").append(p.cost() > 0
                ? String.format(Locale.ROOT, "%,.1f", 1000 * p.reach() / p.cost()) : "-")
            .append("</td><td>").append(esc(p.planId())).append("</td></tr>");
      }
      b.append("</table>");
      if (d.plans().size() == ReportData.MAX_PLANS) {
        b.append("<p class=\"muted\">The ").append(ReportData.MAX_PLANS)
            .append(" latest plans; every plan is in campaign_plan_summary.</p>");
      }
    }

    b.append("<h2 id=\"quality\">Data quality</h2>");
    if (!d.datasets().isEmpty()) {
      b.append("<table><tr><th>dataset</th><th>read</th><th>loaded</th><th>quarantined</th></tr>");
      for (DatasetCounts c : d.datasets()) {
        b.append("<tr><td>").append(esc(c.dataset())).append("</td><td class=\"n\">").append(fmt(c.read()))
            .append("</td><td class=\"n\">").append(fmt(c.loaded())).append("</td><td class=\"n\">")
            .append(fmt(c.quarantined())).append("</td></tr>");
      }
      b.append("</table>");
    }
    if (d.quality().isEmpty()) {
      b.append("<p>No input row was quarantined on this run date.</p>");
    } else {
      long maxQ = d.quality().stream().mapToLong(Quality::rows).max().orElse(1);
      List<Svg.Bar> qBars = d.quality().stream().map(q -> new Svg.Bar(q.dataset() + " · " + q.reason() + (q.column() == null ? "" : " · " + q.column()),
          List.of(new Svg.Segment(q.rows(), Svg.PALETTE.get(2), q.dataset() + " " + q.reason() + " (" + q.column() + "): "
              + fmt(q.rows()))), fmt(q.rows()))).toList();
      b.append(Svg.bars("Quarantined rows by dataset and reason", qBars, maxQ, List.of()));
    }

    if (!d.languages().isEmpty()) {
      b.append("<h3>Posts by language</h3><p class=\"muted\">Posts up to the run date, as the sentiment stage counted"
          + " them; the model scores English and French only, other languages get no sentiment.</p>");
      b.append("<table><tr><th>language</th><th>posts</th><th>not scored</th></tr>");
      d.languages().forEach((lang, n) -> b.append("<tr><td>").append(esc(lang)).append("</td><td class=\"n\">")
          .append(fmt(n[0])).append("</td><td class=\"n\">").append(fmt(n[1])).append("</td></tr>"));
      b.append("</table>");
    }

    b.append("<h2 id=\"stages\">Stages</h2>");
    double maxSeconds = d.stages().stream().mapToDouble(Stage::seconds).max().orElse(1);
    b.append(Svg.bars("Seconds per stage (latest attempt)", d.stages().stream().map(s -> new Svg.Bar(s.stage(),
        List.of(new Svg.Segment(s.seconds(), "succeeded".equals(s.status()) ? Svg.PALETTE.get(0) : Svg.PALETTE.get(2),
            s.stage() + ": " + String.format(Locale.ROOT, "%.1f s", s.seconds()))),
        String.format(Locale.ROOT, "%.1f s · %s rows out", s.seconds(), fmt(s.rowsOut())))).toList(), maxSeconds, List.of()));
    b.append("<table><tr><th>stage</th><th>command</th><th>status</th><th>seconds</th><th>rows in</th><th>rows out</th><th>error</th></tr>");
    for (Stage s : d.stages()) {
      b.append("<tr><td>").append(esc(s.stage())).append("</td><td>").append(esc(s.command())).append("</td><td")
          .append("succeeded".equals(s.status()) ? "" : " class=\"failed\"").append('>').append(esc(s.status()))
          .append("</td><td class=\"n\">").append(String.format(Locale.ROOT, "%.1f", s.seconds()))
          .append("</td><td class=\"n\">").append(fmt(s.rowsIn())).append("</td><td class=\"n\">").append(fmt(s.rowsOut()))
          .append("</td><td>").append(esc(s.error())).append("</td></tr>");
    }
    b.append("</table>\n</body></html>\n");
    return b.toString();
  }

  /**
   * A brand's drill-down: its top ambassadors' scores over the last run dates, their latest post about
   * the brand (public text), why the other candidates are not ranked, and the sentiment about the brand
   * per language with its volume and the model versions that produced it.
   */
  private static String drillDown(Brand br, ReportData d) {
    StringBuilder b = new StringBuilder("<h3>Drill-down</h3>");
    if (!br.scoreHistory().isEmpty()) {
      List<java.time.LocalDate> dates = new ArrayList<>(br.scoreHistory().keySet());
      java.util.LinkedHashSet<String> handles = new java.util.LinkedHashSet<>();
      br.top().stream().limit(ReportData.DRILL_DOWN_AMBASSADORS).forEach(a -> handles.add(a.handle()));
      List<Svg.Series> series = new ArrayList<>();
      int i = 0;
      for (String h : handles) {
        double[] y = new double[dates.size()];
        for (int j = 0; j < dates.size(); j++) {
          Double v = br.scoreHistory().get(dates.get(j)).get(h);
          y[j] = v == null ? Double.NaN : v;
        }
        series.add(new Svg.Series(h, Svg.PALETTE.get(i++ % Svg.PALETTE.size()), y));
      }
      b.append(Svg.lines(br.brandId() + ": score of today's top " + handles.size() + " over the last " + dates.size()
          + " run dates", dates.stream().map(DateTimeFormatter.ofPattern("MM-dd", Locale.ROOT)::format).toList(), series, 0,
          1, "score"));
    }
    if (!br.examples().isEmpty()) {
      b.append("<table><tr><th>rank</th><th>handle</th><th>latest post about the brand</th><th>lang</th><th>label</th>"
          + "<th>score</th><th>model</th></tr>");
      for (ReportData.ExamplePost p : br.examples()) {
        String text = p.text() == null ? "(text not stored: scored before post_sentiment kept it)"
            : p.text().length() > 280 ? p.text().substring(0, 279) + "…" : p.text();
        b.append("<tr><td class=\"n\">").append(p.rank()).append("</td><td>").append(esc(p.handle()))
            .append("</td><td>").append(esc(text)).append(" <span class=\"muted\">")
            .append(p.ts() == null ? "" : esc(p.ts().toLocalDateTime().toLocalDate().toString())).append("</span></td><td>")
            .append(esc(p.lang())).append("</td><td>").append(p.label() == null ? "not scored" : esc(p.label()))
            .append("</td><td class=\"n\">").append(p.score() == null ? "" : String.format(Locale.ROOT, "%+.2f", p.score()))
            .append("</td><td>").append(p.modelVersion() == null ? "" : "v" + p.modelVersion()).append("</td></tr>");
      }
      b.append("</table>");
    }
    if (!br.exclusions().isEmpty()) {
      long max = br.exclusions().values().stream().mapToLong(Long::longValue).max().orElse(1);
      List<Svg.Bar> bars = br.exclusions().entrySet().stream().map(e -> new Svg.Bar(e.getKey(), List.of(new Svg.Segment(
          e.getValue(), Svg.PALETTE.get(2), e.getKey() + ": " + fmt(e.getValue()))), fmt(e.getValue()))).toList();
      b.append(Svg.bars(br.brandId() + ": candidates not ranked, by reason", bars, max, List.of()));
    } else {
      b.append("<p class=\"muted\">Every candidate of the brand is ranked on this run date.</p>");
    }
    if (!br.sentiment().isEmpty()) {
      b.append("<p class=\"muted\">Posts about the brand in the ").append(d.trendDays().size())
          .append(" days up to the run date, by language and the model version that scored them.</p>");
      b.append("<table><tr><th>language</th><th>model</th><th>posts</th><th>scored</th><th>positive</th><th>negative</th>"
          + "<th>net sentiment</th><th>mean score</th></tr>");
      for (ReportData.SentimentVolume v : br.sentiment()) {
        b.append("<tr><td>").append(esc(v.lang())).append("</td><td>")
            .append(v.modelVersion() == null ? "" : "v" + v.modelVersion()).append("</td><td class=\"n\">")
            .append(fmt(v.posts())).append("</td><td class=\"n\">").append(fmt(v.scored()))
            .append(v.scored() == 0 ? " <span class=\"muted\">(language not analysed)</span>" : "")
            .append("</td><td class=\"n\">").append(fmt(v.positive())).append("</td><td class=\"n\">")
            .append(fmt(v.negative())).append("</td><td class=\"n\">")
            .append(v.scored() == 0 ? "" : String.format(Locale.ROOT, "%+.2f", (v.positive() - v.negative()) / (double) v.scored()))
            .append("</td><td class=\"n\">").append(v.meanScore() == null ? "" : String.format(Locale.ROOT, "%+.2f", v.meanScore()))
            .append("</td></tr>");
      }
      b.append("</table>");
    }
    return b.toString();
  }

  private static String scoreChart(Brand br, Map<ScoreComponent, Double> weights, List<Svg.Key> legend) {
    List<Svg.Bar> bars = new ArrayList<>();
    for (Ambassador a : br.top()) {
      List<Svg.Segment> segs = new ArrayList<>();
      // Conversions unknown for the brand: it weighs 0 and the others are normalised over themselves.
      boolean known = a.components().get(ScoreComponent.CONVERSIONS) != null;
      double rest = 1.0 - weights.getOrDefault(ScoreComponent.CONVERSIONS, 0.0);
      for (ScoreComponent c : ScoreComponent.values()) {
        if (a.components().get(c) == null) {
          continue;
        }
        double part = (known || rest <= 0 ? weights.getOrDefault(c, 0.0) : weights.getOrDefault(c, 0.0) / rest)
            * a.components().get(c);
        segs.add(new Svg.Segment(part, Svg.PALETTE.get(c.ordinal()), String.format(Locale.ROOT, "%s %s: %.3f (value %.2f)",
            a.handle(), c.key(), part, a.components().get(c))));
      }
      bars.add(new Svg.Bar("#" + a.rank() + " " + a.handle(), segs, String.format(Locale.ROOT, "%.3f", a.score())));
    }
    return Svg.bars(br.brandId() + ": top " + br.top().size() + " ambassadors, score by component", bars, 1.0, legend);
  }

  private static String rankingTable(List<Ambassador> top) {
    StringBuilder b = new StringBuilder("<table><tr><th>rank</th><th>handle</th><th>score</th><th>tier</th>"
        + "<th>change</th><th>explanation</th></tr>");
    for (Ambassador a : top) {
      b.append("<tr><td class=\"n\">").append(a.rank()).append("</td><td>").append(esc(a.handle()))
          .append(a.displayName() == null || a.displayName().isBlank() ? ""
              : " <span class=\"muted\">" + esc(a.displayName()) + "</span>")
          .append(a.employee() ? " <span class=\"muted\">(employee)</span>" : "").append("</td><td class=\"n\">")
          .append(String.format(Locale.ROOT, "%.3f", a.score())).append("</td><td>").append(esc(a.tier()))
          .append("</td><td>").append(change(a)).append("</td><td>").append(esc(a.explanation())).append("</td></tr>");
    }
    return b.append("</table>").toString();
  }

  private static String moversTable(Brand br) {
    if (br.risers().isEmpty() && br.fallers().isEmpty()) {
      return "<p class=\"muted\">No rank changed since the previous run date (or there is none).</p>";
    }
    StringBuilder b = new StringBuilder("<h3>Movers</h3><table><tr><th>handle</th><th>rank</th><th>change</th>"
        + "<th>what moved</th></tr>");
    List<Ambassador> movers = new ArrayList<>(br.risers());
    movers.addAll(br.fallers());
    for (Ambassador a : movers) {
      b.append("<tr><td>").append(esc(a.handle())).append("</td><td class=\"n\">").append(a.rank()).append("</td><td>")
          .append(change(a)).append("</td><td>").append(esc(a.movedComponents())).append("</td></tr>");
    }
    return b.append("</table>").toString();
  }

  /**
   * The brand's rolling net sentiment per language. The data holds {@link #TREND_SMOOTHING} - 1 days
   * more than shown, so that the first point shown also sums a full window.
   */
  /** The brand's own trust (brand_trust): the index and its parts on the run date, and its trend over run dates. */
  private static String trustSection(Brand br, ReportData d) {
    ReportData.TrustPoint today = br.trustToday(d.runDate());
    StringBuilder b = new StringBuilder("<h3>Brand trust</h3>");
    if (today == null) {
      return b.append("<p class=\"muted\">No brand_trust row for this run date.</p>").toString();
    }
    b.append("<p>Trust index <b>").append(today.index() == null ? "-" : String.format(Locale.ROOT, "%.2f", today.index()))
        .append("</b>: answered ").append(fmt(today.answered())).append(" of ").append(fmt(today.addressed()))
        .append(" mentions and replies (median ").append(hours(today.medianAnswerHours())).append("), ")
        .append(fmt(today.complaintsAnswered())).append(" of ").append(fmt(today.complaints()))
        .append(" complaints; sentiment 7 days ").append(signed(today.sentiment7d())).append(", 30 days ")
        .append(signed(today.sentiment30d())).append("; ").append(fmt(today.advocates())).append(" advocates, ")
        .append(fmt(today.detractors())).append(" detractors.</p>");
    b.append("<table><tr>");
    today.parts().keySet().forEach(k -> b.append("<th>").append(esc(k)).append("</th>"));
    b.append("</tr><tr>");
    today.parts().values().forEach(v -> b.append("<td class=\"n\">")
        .append(v == null ? "-" : String.format(Locale.ROOT, "%.2f", v)).append("</td>"));
    b.append("</tr></table>");
    List<ReportData.TrustPoint> points = br.trust();
    if (points.size() >= 2) {
      double[] y = points.stream().mapToDouble(p -> p.index() == null ? Double.NaN : p.index()).toArray();
      b.append(Svg.lines(br.brandId() + ": trust index over the last " + points.size() + " run dates",
          points.stream().map(p -> p.runDate().format(DateTimeFormatter.ofPattern("MM-dd", Locale.ROOT))).toList(),
          List.of(new Svg.Series("trust index", Svg.PALETTE.get(0), y)), 0, 1, "trust index"));
    }
    return b.toString();
  }

  private static String hours(Double h) {
    return h == null ? "-" : String.format(Locale.ROOT, "%.1f h", h);
  }

  private static String signed(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%+.2f", v);
  }

  private static String trendChart(Brand br, ReportData d) {
    int hidden = Math.min(TREND_SMOOTHING - 1, d.trendDays().size() - 1);
    List<java.time.LocalDate> shown = d.trendDays().subList(hidden, d.trendDays().size());
    if (br.trend().isEmpty()) {
      return "<p class=\"muted\">No post about the brand in the " + shown.size() + " days up to the run date.</p>";
    }
    List<Svg.Series> series = new ArrayList<>();
    int i = 0;
    long posts = 0;
    for (Trend t : br.trend()) {
      double[] y = t.rollingNetSentiment(TREND_SMOOTHING);
      series.add(new Svg.Series(t.lang(), Svg.PALETTE.get(i++ % Svg.PALETTE.size()),
          java.util.Arrays.copyOfRange(y, hidden, y.length)));
      posts += java.util.Arrays.stream(t.posts(), hidden, t.posts().length).sum();
    }
    DateTimeFormatter md = DateTimeFormatter.ofPattern("MM-dd", Locale.ROOT);
    return Svg.lines(br.brandId() + ": net sentiment by language, " + TREND_SMOOTHING + "-day rolling, last "
        + shown.size() + " days (" + fmt(posts) + " scored posts)", shown.stream().map(md::format).toList(), series, -1, 1,
        "net sentiment");
  }

  private static String change(Ambassador a) {
    if (a.isNew()) {
      return "new";
    }
    if (a.rankChange() == null || a.rankChange() == 0) {
      return "=";
    }
    return a.rankChange() > 0 ? "<span class=\"up\">▲ " + a.rankChange() + "</span>"
        : "<span class=\"down\">▼ " + (-a.rankChange()) + "</span>";
  }

  private static String card(String label, String value) {
    return "<div class=\"card\">" + esc(label) + "<b>" + esc(value) + "</b></div>";
  }

  private static String fmt(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
