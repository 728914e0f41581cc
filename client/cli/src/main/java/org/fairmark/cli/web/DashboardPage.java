package org.fairmark.cli.web;

import static org.fairmark.cli.HtmlText.escape;
import static org.fairmark.cli.web.Html.row;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.fairmark.domain.Gs1;
import org.fairmark.domain.model.Batch;
import org.fairmark.domain.model.BatchStatus;
import org.fairmark.domain.model.BatchView;
import org.fairmark.domain.model.Dispute;
import org.fairmark.domain.model.Inspection;
import org.fairmark.domain.model.IntegrityPoint;
import org.fairmark.domain.model.IntegrityRecord;
import org.fairmark.domain.model.PackageRecord;
import org.fairmark.domain.model.PackingRun;
import org.fairmark.domain.model.Page;
import org.fairmark.domain.model.Trace;
import org.fairmark.domain.model.Verdict;

/**
 * The dashboard for inspectors and buyers: search a batch by GTIN and lot, see its status and mass balance, its
 * provenance as a timeline, its packages and disputes, and its producer's integrity record as a chart. Plain HTML with
 * inline CSS and SVG; the search form is a GET form, so no script is needed.
 *
 * <p>The integrity section draws the record's counts as they stand when the page is made, and its history from
 * {@code integrity:History}: the rating at the end of each day with facts and the short-weight rate.
 */
final class DashboardPage {
    static final int MAX_EVENTS = 60;
    static final int MAX_PACKAGES = 50;
    /** Days with facts drawn in the history chart: the most recent ones, so the page stays light. */
    static final int MAX_HISTORY_DAYS = 90;

    private DashboardPage() {}

    /**
     * What the dashboard shows.
     *
     * @param gtin the searched GTIN, or {@code null}
     * @param lot the searched lot, or {@code null}
     * @param trace the batch's trace, or {@code null}
     * @param packages the first page of its packages, or {@code null}
     * @param integrity the producer org's record, or {@code null}
     * @param history the producer org's record after each day with facts, oldest first, or {@code null}
     * @param error a message for the person searching, or {@code null}
     * @param readAt when the ledger was read
     */
    record Model(
            String gtin,
            String lot,
            Trace trace,
            Page<PackageRecord> packages,
            IntegrityRecord integrity,
            List<IntegrityPoint> history,
            String error,
            Instant readAt) {
        Model {
            Objects.requireNonNull(readAt, "readAt == null");
        }
    }

    static String render(Model model, Lang lang, String toggleHref) {
        StringBuilder out = new StringBuilder(16_000);
        Pages.head(out, lang, Messages.get(lang, "dashboard.title") + " · Fairmark");
        Pages.topBar(out, lang, toggleHref);
        out.append("<main>");
        search(out, model, lang);
        if (model.error() != null) {
            out.append("<p class=\"w\" id=\"error\">").append(escape(model.error())).append("</p>");
        }
        Trace trace = model.trace();
        if (trace != null && trace.batch() != null) {
            summary(out, trace.batch(), lang);
            timeline(out, trace, lang);
            packages(out, model, lang);
            VerifyPage.rulings(out, trace.disputes(), lang);
        }
        if (model.integrity() != null) {
            integrity(out, model.integrity(), lang);
            if (model.history() != null) {
                history(out, model.history(), lang);
            }
        }
        out.append("<footer><p>").append(escape(Messages.get(lang, "footer.read", Formats.time(model.readAt().toString()))))
                .append("</p></footer></main></body></html>");
        return out.toString();
    }

    private static void search(StringBuilder out, Model model, Lang lang) {
        out.append("<section><h2>").append(escape(Messages.get(lang, "dashboard.search"))).append("</h2>")
                .append("<form method=\"get\" action=\"/dashboard\" id=\"search\"><label>GTIN<input name=\"gtin\" id=\"gtin\" ")
                .append("inputmode=\"numeric\" maxlength=\"14\" autocomplete=\"off\" value=\"").append(escape(model.gtin()))
                .append("\"></label><label>").append(escape(Messages.get(lang, "field.lot")))
                .append("<input name=\"lot\" id=\"lot\" maxlength=\"20\" autocomplete=\"off\" value=\"").append(escape(model.lot()))
                .append("\"></label><input type=\"hidden\" name=\"lang\" value=\"").append(lang.code())
                .append("\"><button type=\"submit\">").append(escape(Messages.get(lang, "dashboard.submit")))
                .append("</button></form></section>");
    }

    private static void summary(StringBuilder out, BatchView view, Lang lang) {
        Batch batch = view.batch();
        out.append("<section id=\"batch\"><h2>").append(escape(batch.product()))
                .append(batch.variety() == null ? "" : " · " + escape(batch.variety())).append("</h2>")
                .append("<p><span class=\"st\" id=\"status\" style=\"background:").append(statusColour(view.status())).append("\">")
                .append(escape(Messages.get(lang, "status." + view.status()))).append("</span></p><dl>");
        row(out, "GTIN", batch.gtin());
        row(out, Messages.get(lang, "field.lot"), batch.lot());
        row(out, Messages.get(lang, "field.origin"), VerifyPage.origin(batch.origin(), lang));
        row(out, Messages.get(lang, "field.harvest"), batch.harvestDate());
        row(out, Messages.get(lang, "field.producer"), OrgNames.show(batch.producerOrg(), lang));
        row(out, Messages.get(lang, "field.declared"), Formats.grams(batch.declaredMassGrams()));
        row(out, Messages.get(lang, "field.packedMass"), Formats.grams(view.packedNominalGrams())
                + " (" + Messages.count(lang, "field.packages", Formats.nonNull(view.packageCount())) + ")");
        row(out, Messages.get(lang, "field.remaining"), Formats.grams(view.remainingGrams()));
        out.append("</dl>");
        long allowance = Formats.nonNull(batch.packingLossAllowanceGrams());
        out.append(Svg.stackedBars("balance", Messages.get(lang, "balance.title"), List.of(new Svg.Group(
                Messages.get(lang, "balance.title"), List.of(
                        mass(lang, "balance.packed", Formats.nonNull(view.packedNominalGrams()), Svg.GREEN),
                        mass(lang, "balance.remaining", Formats.nonNull(view.remainingGrams()), Svg.EMPTY),
                        mass(lang, "balance.allowance", allowance, Svg.GREY)))),
                Messages.get(lang, "chart.none")));
        out.append("</section>");
    }

    private static Svg.Segment segment(Lang lang, String key, long count, String colour) {
        return new Svg.Segment(key, count, colour, Messages.get(lang, key, count));
    }

    private static Svg.Segment mass(Lang lang, String key, long grams, String colour) {
        return new Svg.Segment(key, grams, colour, Messages.get(lang, key, Formats.grams(grams)));
    }

    private static String statusColour(BatchStatus status) {
        return switch (status) {
            case REGISTERED -> Svg.GREY;
            case CERTIFIED, PACKED -> Svg.GREEN;
            case REJECTED, RECALLED -> Svg.RED;
        };
    }

    /** The batch's recorded events, oldest first. */
    static List<Svg.Event> events(Trace trace, Lang lang) {
        List<Dated> dated = new ArrayList<>();
        Batch batch = trace.batch().batch();
        add(dated, batch.registeredAt(), Messages.get(lang, "event.registered"),
                OrgNames.show(batch.producerOrg(), lang) + " · " + Formats.grams(batch.declaredMassGrams()), Svg.BLUE);
        for (Inspection inspection : trace.inspections()) {
            add(dated, inspection.inspectedAt(), Messages.get(lang, "event.inspected", Messages.get(lang, "inspection." + inspection.verdict()),
                    VerifyPage.gradeName(inspection.grade(), lang)), OrgNames.show(inspection.inspectorOrg(), lang) + " · " + inspection.standardCode(),
                    inspection.verdict() == Verdict.PASS ? Svg.GREEN : Svg.RED);
        }
        for (PackingRun run : trace.packingRuns()) {
            add(dated, run.packedAt(), Messages.count(lang, "event.packed", Formats.nonNull(run.packageCount())),
                    OrgNames.show(run.packerOrg(), lang) + " · " + Formats.grams(run.nominalTotalGrams()), Svg.GREEN);
        }
        for (Dispute dispute : trace.disputes()) {
            String type = Messages.get(lang, "dispute.type." + dispute.type());
            add(dated, dispute.openedAt(), Messages.get(lang, "event.disputed"), OrgNames.show(dispute.claimantOrg(), lang) + " · " + type, Svg.AMBER);
            if (dispute.withdrawnAt() != null) {
                add(dated, dispute.withdrawnAt(), Messages.get(lang, "event.withdrawn"), OrgNames.show(dispute.claimantOrg(), lang) + " · " + type, Svg.GREY);
            }
            Dispute.Review review = dispute.review();
            if (review != null && review.takenAt() != null) {
                add(dated, review.takenAt(), Messages.get(lang, "event.taken"), OrgNames.show(review.reviewerOrg(), lang) + " · " + type, Svg.AMBER);
            }
            if (review != null && review.resolvedAt() != null && review.outcome() != null) {
                add(dated, review.resolvedAt(), Messages.get(lang, "event.ruled", Messages.get(lang, "dispute.outcome." + review.outcome())),
                        OrgNames.show(review.reviewerOrg(), lang) + " · " + type, switch (review.outcome()) {
                            case UPHELD -> Svg.RED;
                            case SETTLED -> Svg.AMBER;
                            case REJECTED -> Svg.GREY;
                        });
            }
        }
        if (trace.recall() != null) {
            add(dated, trace.recall().recalledAt(), Messages.get(lang, "event.recalled"),
                    OrgNames.show(trace.recall().recalledByOrg(), lang) + " · " + trace.recall().reason(), Svg.RED);
        }
        dated.sort(Comparator.comparing(Dated::at));
        return dated.stream().map(Dated::event).toList();
    }

    private record Dated(Instant at, Svg.Event event) {}

    /** Adds an event; one without a readable time (which the ledger never writes) is left out rather than misplaced. */
    private static void add(List<Dated> dated, String at, String title, String detail, String colour) {
        Instant instant = Formats.instant(at);
        if (instant == null) {
            return;
        }
        String time = Formats.time(at);
        dated.add(new Dated(instant, new Svg.Event(time.substring(0, 10), time.substring(11), title, detail, colour)));
    }

    private static void timeline(StringBuilder out, Trace trace, Lang lang) {
        List<Svg.Event> events = events(trace, lang);
        out.append("<section><h2>").append(escape(Messages.get(lang, "section.timeline"))).append("</h2>");
        List<Svg.Event> shown = events.size() > MAX_EVENTS ? events.subList(events.size() - MAX_EVENTS, events.size()) : events;
        if (events.size() > MAX_EVENTS) {
            out.append("<p>").append(escape(Messages.get(lang, "timeline.latest", MAX_EVENTS, events.size()))).append("</p>");
        }
        out.append(Svg.timeline(shown, Messages.get(lang, "section.timeline"))).append("</section>");
    }

    private static void packages(StringBuilder out, Model model, Lang lang) {
        Page<PackageRecord> page = model.packages();
        if (page == null || page.records().isEmpty()) {
            return;
        }
        out.append("<section><h2>").append(escape(Messages.get(lang, "section.packages"))).append("</h2><div class=\"sc\"><table id=\"packages\"><tr><th>")
                .append(escape(Messages.get(lang, "field.serial"))).append("</th><th>").append(escape(Messages.get(lang, "section.grade")))
                .append("</th><th>").append(escape(Messages.get(lang, "section.mass"))).append("</th><th>")
                .append(escape(Messages.get(lang, "field.packed"))).append("</th></tr>");
        List<PackageRecord> records = page.records();
        for (int i = 0; i < records.size() && i < MAX_PACKAGES; i++) {
            PackageRecord pkg = records.get(i);
            String path = "/api/v1/packages/" + Gs1.percentEncode(pkg.gtin()) + "/" + Gs1.percentEncode(pkg.lot()) + "/"
                    + Gs1.percentEncode(pkg.serial()) + "/trace";
            out.append("<tr><td class=\"n\"><a href=\"").append(escape(path)).append("\">").append(escape(pkg.serial()))
                    .append("</a></td><td>").append(escape(VerifyPage.gradeName(pkg.grade(), lang))).append("</td><td class=\"n\">")
                    .append(escape(Formats.grams(pkg.nominalMassGrams()))).append("</td><td class=\"n\">")
                    .append(escape(pkg.packingDate())).append("</td></tr>");
        }
        out.append("</table></div>");
        if (page.bookmark() != null && !page.bookmark().isEmpty() || records.size() > MAX_PACKAGES) {
            out.append("<p>").append(escape(Messages.get(lang, "packages.more"))).append("</p>");
        }
        out.append("</section>");
    }

    static void history(StringBuilder out, List<IntegrityPoint> points, Lang lang) {
        out.append("<section id=\"history\"><h2>").append(escape(Messages.get(lang, "integrity.history.title"))).append("</h2>");
        if (points.isEmpty()) {
            out.append("<p>").append(escape(Messages.get(lang, "integrity.history.none"))).append("</p></section>");
            return;
        }
        List<Svg.Day> days = new java.util.ArrayList<>();
        long highest = 0;
        for (IntegrityPoint point : points.subList(Math.max(0, points.size() - MAX_HISTORY_DAYS), points.size())) {
            IntegrityRecord record = point.record();
            long weighed = Formats.nonNull(record.packagesWeighed());
            long findings = Formats.nonNull(record.t1Findings()) + Formats.nonNull(record.t2Findings());
            long permille = weighed == 0 ? 0 : findings * 1000 / weighed;
            highest = Math.max(highest, permille);
            days.add(new Svg.Day(point.date(), record.rating() == null ? "NEW" : record.rating(), permille));
        }
        long scale = Math.max(50, ((highest + 49) / 50) * 50);
        out.append(Svg.history("integrity-history", Messages.get(lang, "integrity.history.title"), days, scale));
        out.append("<p><small>").append(escape(Messages.get(lang, "integrity.history.legend", scale))).append("</small></p></section>");
    }

    static void integrity(StringBuilder out, IntegrityRecord record, Lang lang) {
        String rating = record.rating() == null ? "NEW" : record.rating();
        out.append("<section id=\"producer\"><h2>").append(escape(Messages.get(lang, "integrity.chart.title", OrgNames.show(record.org(), lang))))
                .append("</h2><div class=\"rt\"><span class=\"rl r").append(escape(rating)).append("\">")
                .append(escape(rating.equals("NEW") ? Messages.get(lang, "rating.new.short") : rating)).append("</span><p>")
                .append(escape(Messages.get(lang, "rating." + rating))).append("</p></div>");
        long weighed = Formats.nonNull(record.packagesWeighed());
        long t1 = Formats.nonNull(record.t1Findings());
        long t2 = Formats.nonNull(record.t2Findings());
        long opened = Formats.nonNull(record.disputesOpened());
        long upheld = Formats.nonNull(record.disputesUpheld());
        long settled = Formats.nonNull(record.disputesSettled());
        long rejected = Formats.nonNull(record.disputesRejected());
        long batches = Formats.nonNull(record.batches());
        long recalls = Formats.nonNull(record.recalls());
        List<Svg.Group> groups = List.of(
                new Svg.Group(Messages.get(lang, "chart.inspections"), List.of(
                        segment(lang, "chart.passed", Formats.nonNull(record.inspectionsPassed()), Svg.GREEN),
                        segment(lang, "chart.failed", Formats.nonNull(record.inspectionsFailed()), Svg.RED))),
                new Svg.Group(Messages.get(lang, "chart.weighed"), List.of(
                        segment(lang, "chart.within", Math.max(0, weighed - t1 - t2), Svg.GREEN),
                        segment(lang, "chart.t1", t1, Svg.AMBER),
                        segment(lang, "chart.t2", t2, Svg.RED))),
                new Svg.Group(Messages.get(lang, "chart.disputes"), List.of(
                        segment(lang, "chart.rejected", rejected, Svg.GREY),
                        segment(lang, "chart.settled", settled, Svg.AMBER),
                        segment(lang, "chart.upheld", upheld, Svg.RED),
                        segment(lang, "chart.pending", Math.max(0, opened - upheld - settled - rejected), Svg.EMPTY))),
                new Svg.Group(Messages.get(lang, "chart.batches"), List.of(
                        segment(lang, "chart.notRecalled", Math.max(0, batches - recalls), Svg.GREEN),
                        segment(lang, "chart.recalled", recalls, Svg.RED))));
        out.append(Svg.stackedBars("integrity-chart", Messages.get(lang, "integrity.chart.title", OrgNames.show(record.org(), lang)), groups,
                Messages.get(lang, "chart.none")));
        out.append("<p><small>").append(escape(Messages.get(lang, "integrity.chart.note", Formats.nonNull(record.averageFailures()))))
                .append("</small></p></section>");
    }
}
