package org.fairmark.cli.web;

import static org.fairmark.cli.HtmlText.escape;
import static org.fairmark.cli.web.Html.row;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.fairmark.client.LabelRejection;
import org.fairmark.client.SignedLabel;
import org.fairmark.domain.Gs1;
import org.fairmark.domain.ShortWeight;
import org.fairmark.domain.model.Batch;
import org.fairmark.domain.model.BatchView;
import org.fairmark.domain.model.Custody;
import org.fairmark.domain.model.CustodyHop;
import org.fairmark.domain.model.Dispute;
import org.fairmark.domain.model.Inspection;
import org.fairmark.domain.model.IntegrityRecord;
import org.fairmark.domain.model.Origin;
import org.fairmark.domain.model.PackageRecord;
import org.fairmark.domain.model.RecallRecord;
import org.fairmark.domain.model.Receipt;
import org.fairmark.domain.model.Scan;
import org.fairmark.domain.model.Trace;

/**
 * The page a phone shows after scanning a label: the verdict first, in large type and colour, then what the ledger
 * knows (origin, grade with its inspection, net mass and weighings, custody, rulings, the producer's integrity).
 * Plain HTML with inline CSS and SVG: no script, no external resource, a few kilobytes.
 */
final class VerifyPage {
    /** Longest lists shown; the rest is counted, so a long history never makes the page heavy. */
    static final int MAX_HOPS = 20;
    static final int MAX_DISPUTES = 10;
    static final int MAX_WEIGHINGS = 5;

    private VerifyPage() {}

    /**
     * What the page shows.
     *
     * @param verdict the verdict
     * @param rejection why the label is not genuine, or {@code null}
     * @param label the label as read, or {@code null} when it could not be read
     * @param trace the package's provenance, or {@code null} for a forged or unknown label
     * @param integrity the producer org's integrity record, or {@code null} when it could not be read
     * @param scan the scan this view recorded, or {@code null}
     * @param readAt when the ledger was read
     */
    record Model(
            Verdict verdict,
            LabelRejection rejection,
            SignedLabel label,
            Trace trace,
            IntegrityRecord integrity,
            Scan scan,
            Instant readAt) {
        Model {
            Objects.requireNonNull(verdict, "verdict == null");
            Objects.requireNonNull(readAt, "readAt == null");
        }

        boolean cloneSuspected() {
            if (scan != null && Boolean.TRUE.equals(scan.cloneSuspected())) {
                return true;
            }
            return trace != null && trace.scans() != null && Boolean.TRUE.equals(trace.scans().cloneSuspected());
        }
    }

    static String render(Model model, Lang lang, String toggleHref) {
        StringBuilder out = new StringBuilder(12_000);
        String title = Messages.get(lang, model.verdict().key()) + " · Fairmark";
        Pages.head(out, lang, title);
        Pages.topBar(out, lang, toggleHref);
        out.append("<main>");
        verdict(out, model, lang);
        Trace trace = model.trace();
        if (trace != null && trace.recall() != null) {
            recall(out, trace.recall(), lang);
        }
        warnings(out, model, lang);
        if (trace != null && trace.batch() != null && trace.pkg() != null) {
            product(out, trace, lang);
            grade(out, trace, lang);
            mass(out, trace, lang);
            custody(out, trace, lang);
            rulings(out, trace.disputes(), lang);
            integrity(out, model.integrity(), lang);
        } else {
            advice(out, model, lang);
        }
        footer(out, model, lang);
        out.append("</main></body></html>");
        return out.toString();
    }

    private static void verdict(StringBuilder out, Model model, Lang lang) {
        Verdict verdict = model.verdict();
        out.append("<div class=\"v ").append(verdict.cssClass()).append("\" role=\"status\" data-verdict=\"")
                .append(verdict.name().toLowerCase(Locale.ROOT)).append("\">")
                .append(Pages.icon(verdict))
                .append("<div><h1 id=\"verdict\">").append(escape(Messages.get(lang, verdict.key()))).append("</h1><p>")
                .append(escape(Messages.get(lang, verdict.key() + ".lead")))
                .append("</p></div></div>");
    }

    private static void recall(StringBuilder out, RecallRecord recall, Lang lang) {
        out.append("<section class=\"alert\"><h2>").append(escape(Messages.get(lang, "recall.title"))).append("</h2><dl>");
        row(out, Messages.get(lang, "recall.reason"), recall.reason());
        row(out, Messages.get(lang, "recall.by"), OrgNames.show(recall.recalledByOrg(), lang));
        row(out, Messages.get(lang, "recall.at"), Formats.time(recall.recalledAt()));
        out.append("</dl></section>");
    }

    private static void warnings(StringBuilder out, Model model, Lang lang) {
        if (model.rejection() != null) {
            out.append("<p class=\"w\" id=\"reason\">")
                    .append(escape(Messages.get(lang, "rejection." + model.rejection().name())))
                    .append("</p>");
        }
        if (model.cloneSuspected()) {
            long count = model.scan() != null && model.scan().scanCount() != null
                    ? model.scan().scanCount()
                    : Formats.nonNull(model.trace().scans().count());
            out.append("<p class=\"w\" id=\"clone\">").append(escape(Messages.get(lang, "warning.clone", count))).append("</p>");
        }
        Trace trace = model.trace();
        if (trace != null) {
            for (Dispute dispute : trace.disputes()) {
                Dispute.Review review = dispute.review();
                if (dispute.status() == org.fairmark.domain.model.DisputeStatus.RESOLVED && review != null
                        && review.outcome() == org.fairmark.domain.model.DisputeOutcome.UPHELD) {
                    out.append("<p class=\"w\">").append(escape(Messages.get(lang, "warning.upheld",
                            Messages.get(lang, "dispute.type." + dispute.type()), Formats.day(review.resolvedAt()))))
                            .append("</p>");
                    break;
                }
            }
        }
        if (trace != null && trace.custody() != null && trace.custody().status() == Custody.CustodyStatus.IN_TRANSIT) {
            out.append("<p class=\"w\">")
                    .append(escape(Messages.get(lang, "warning.transit", OrgNames.show(trace.custody().pendingOrg(), lang))))
                    .append("</p>");
        }
    }

    private static void product(StringBuilder out, Trace trace, Lang lang) {
        Batch batch = trace.batch().batch();
        out.append("<section><h2>").append(escape(Messages.get(lang, "section.origin"))).append("</h2><dl>");
        String product = batch.product() + (batch.variety() == null ? "" : " · " + batch.variety());
        row(out, Messages.get(lang, "field.product"), product);
        row(out, Messages.get(lang, "field.origin"), origin(batch.origin(), lang));
        row(out, Messages.get(lang, "field.harvest"), batch.harvestDate());
        row(out, Messages.get(lang, "field.producer"), OrgNames.show(batch.producerOrg(), lang));
        out.append("</dl></section>");
    }

    static String origin(Origin origin, Lang lang) {
        if (origin == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        if (origin.village() != null) {
            text.append(origin.village());
        }
        if (origin.township() != null) {
            text.append(text.length() > 0 ? ", " : "").append(origin.township());
        }
        text.append(text.length() > 0 ? ", " : "").append(Messages.get(lang, "origin.county",
                org.fairmark.domain.AdministrativeDivisions.table().label(origin.countyCode())));
        if (origin.plot() != null) {
            text.append(" · ").append(Messages.get(lang, "origin.plot", origin.plot()));
        }
        return text.toString();
    }

    private static void grade(StringBuilder out, Trace trace, Lang lang) {
        PackageRecord pkg = trace.pkg();
        BatchView view = trace.batch();
        Inspection inspection = view.latestInspection() != null ? view.latestInspection()
                : trace.inspections().isEmpty() ? null : trace.inspections().get(0);
        out.append("<section><h2>").append(escape(Messages.get(lang, "section.grade"))).append("</h2>")
                .append("<p class=\"big\" id=\"grade\">").append(escape(gradeName(pkg.grade(), lang))).append("</p><dl>");
        if (inspection != null) {
            row(out, Messages.get(lang, "field.inspection"), Messages.get(lang, "inspection." + inspection.verdict())
                    + " · " + inspection.standardCode() + ":" + inspection.standardVersion());
            row(out, Messages.get(lang, "field.inspector"), OrgNames.show(inspection.inspectorOrg(), lang));
            row(out, Messages.get(lang, "field.inspected"), Formats.day(inspection.inspectedAt()));
            row(out, Messages.get(lang, "field.valid"), inspection.validUntil());
            if (inspection.derivedGrade() != null && !inspection.derivedGrade().equals(inspection.grade())) {
                row(out, Messages.get(lang, "field.derived"), Messages.get(lang, "grade.downgraded",
                        gradeName(inspection.derivedGrade(), lang), gradeName(inspection.grade(), lang)));
            }
            if (inspection.grade() != null && !inspection.grade().equals(pkg.grade())) {
                row(out, Messages.get(lang, "field.certified"), gradeName(inspection.grade(), lang));
            }
            row(out, Messages.get(lang, "field.sample"), inspection.sampleSize() == null ? null
                    : Messages.get(lang, "inspection.sample", inspection.sampleSize(), Formats.grams(inspection.sampledMassGrams())));
        } else {
            row(out, Messages.get(lang, "field.inspection"), Messages.get(lang, "inspection.none"));
        }
        out.append("</dl></section>");
    }

    /** A grade name as the standard spells it, with a translation of the common names. */
    static String gradeName(String grade, Lang lang) {
        if (grade == null) {
            return "";
        }
        String key = "grade." + grade;
        return Messages.has(lang, key) ? Messages.get(lang, key) : grade;
    }

    private static void mass(StringBuilder out, Trace trace, Lang lang) {
        PackageRecord pkg = trace.pkg();
        out.append("<section><h2>").append(escape(Messages.get(lang, "section.mass"))).append("</h2>")
                .append("<p class=\"big\" id=\"mass\">").append(escape(Formats.grams(pkg.nominalMassGrams()))).append("</p><dl>");
        row(out, Messages.get(lang, "field.packed"), pkg.packingDate());
        row(out, Messages.get(lang, "field.packer"), OrgNames.show(pkg.packerOrg(), lang));
        List<Receipt.PackageWeighing> weighings = trace.weighings();
        for (int i = 0; i < weighings.size() && i < MAX_WEIGHINGS; i++) {
            Receipt.PackageWeighing weighing = weighings.get(i);
            row(out, Messages.get(lang, "field.weighed"),
                    Formats.decigrams(weighing.measuredNetDecigrams()) + " · " + finding(weighing, lang));
        }
        out.append("</dl></section>");
    }

    static String finding(Receipt.PackageWeighing weighing, Lang lang) {
        long deficit = Formats.nonNull(weighing.nominalMassGrams()) * 10 - Formats.nonNull(weighing.measuredNetDecigrams());
        String finding = (weighing.finding() == null ? ShortWeight.Finding.WITHIN_TOLERANCE : weighing.finding()).name();
        String key = "finding." + finding;
        String text = Messages.has(lang, key) ? Messages.get(lang, key) : finding;
        return deficit > 0 ? Messages.get(lang, "finding.short", Formats.decigrams(deficit), text) : text;
    }

    private static void custody(StringBuilder out, Trace trace, Lang lang) {
        PackageRecord pkg = trace.pkg();
        out.append("<section><h2>").append(escape(Messages.get(lang, "section.custody"))).append("</h2><ol class=\"t\" id=\"custody\">");
        step(out, Messages.get(lang, "custody.packed", OrgNames.show(pkg.packerOrg(), lang)), Formats.time(pkg.packedAt()));
        List<CustodyHop> hops = trace.hops();
        for (int i = 0; i < hops.size() && i < MAX_HOPS; i++) {
            CustodyHop hop = hops.get(i);
            step(out, Messages.get(lang, "custody.hop", OrgNames.show(hop.fromOrg(), lang), OrgNames.show(hop.toOrg(), lang)),
                    Messages.get(lang, "custody.hop.times", Formats.time(hop.handedOverAt()), Formats.time(hop.acceptedAt())));
        }
        if (hops.size() > MAX_HOPS) {
            step(out, Messages.get(lang, "list.more", hops.size() - MAX_HOPS), "");
        }
        Custody custody = trace.custody();
        if (custody != null) {
            if (custody.status() == Custody.CustodyStatus.IN_TRANSIT) {
                step(out, Messages.get(lang, "custody.transit", OrgNames.show(custody.holderOrg(), lang), OrgNames.show(custody.pendingOrg(), lang)), Formats.time(custody.since()));
            } else {
                step(out, Messages.get(lang, "custody.held", OrgNames.show(custody.holderOrg(), lang)), Formats.time(custody.since()));
            }
        }
        out.append("</ol></section>");
    }

    private static void step(StringBuilder out, String what, String when) {
        out.append("<li>").append(escape(what));
        if (!when.isEmpty()) {
            out.append("<br><small>").append(escape(when)).append("</small>");
        }
        out.append("</li>");
    }

    static void rulings(StringBuilder out, List<Dispute> disputes, Lang lang) {
        out.append("<section id=\"rulings\"><h2>").append(escape(Messages.get(lang, "section.rulings"))).append("</h2>");
        if (disputes.isEmpty()) {
            out.append("<p>").append(escape(Messages.get(lang, "rulings.none"))).append("</p></section>");
            return;
        }
        for (int i = 0; i < disputes.size() && i < MAX_DISPUTES; i++) {
            Dispute dispute = disputes.get(i);
            out.append("<div class=\"ds\"><b>").append(escape(Messages.get(lang, "dispute.type." + dispute.type())))
                    .append("</b> · ").append(escape(Messages.get(lang, "dispute.status." + dispute.status())))
                    .append("<dl>");
            row(out, Messages.get(lang, "dispute.opened"), Messages.get(lang, "dispute.opened.value",
                    Formats.day(dispute.openedAt()), OrgNames.show(dispute.claimantOrg(), lang)));
            Dispute.Review review = dispute.review();
            if (review != null && review.outcome() != null) {
                String ruling = Messages.get(lang, "dispute.outcome." + review.outcome());
                if (review.remedy() != null && review.remedy() != org.fairmark.domain.model.Remedy.NONE) {
                    ruling += " · " + Messages.get(lang, "dispute.remedy." + review.remedy());
                    if (review.amountFen() != null) {
                        ruling += " " + Formats.fen(review.amountFen());
                    }
                }
                row(out, Messages.get(lang, "dispute.ruling"), ruling);
                row(out, Messages.get(lang, "dispute.reasons"), review.reasons());
                row(out, Messages.get(lang, "dispute.reviewer"), Messages.get(lang, "dispute.reviewer.value",
                        OrgNames.show(review.reviewerOrg(), lang), Formats.day(review.resolvedAt())));
            } else if (review != null) {
                row(out, Messages.get(lang, "dispute.reviewer"), OrgNames.show(review.reviewerOrg(), lang));
            }
            out.append("</dl></div>");
        }
        if (disputes.size() > MAX_DISPUTES) {
            out.append("<p>").append(escape(Messages.get(lang, "list.more", disputes.size() - MAX_DISPUTES))).append("</p>");
        }
        out.append("</section>");
    }

    static void integrity(StringBuilder out, IntegrityRecord record, Lang lang) {
        out.append("<section id=\"integrity\"><h2>").append(escape(Messages.get(lang, "section.integrity"))).append("</h2>");
        if (record == null) {
            out.append("<p>").append(escape(Messages.get(lang, "integrity.unavailable"))).append("</p></section>");
            return;
        }
        String rating = record.rating() == null ? "NEW" : record.rating();
        out.append("<div class=\"rt\"><span class=\"rl r").append(escape(rating)).append("\">")
                .append(escape(rating.equals("NEW") ? Messages.get(lang, "rating.new.short") : rating))
                .append("</span><p>").append(escape(Messages.get(lang, "rating." + rating))).append("</p></div><dl>");
        row(out, Messages.get(lang, "integrity.org"), OrgNames.show(record.org(), lang));
        long inspected = Formats.nonNull(record.inspectionsPassed()) + Formats.nonNull(record.inspectionsFailed());
        row(out, Messages.get(lang, "integrity.batches"), String.valueOf(Formats.nonNull(record.batches())));
        row(out, Messages.get(lang, "integrity.inspections"),
                Messages.get(lang, "integrity.inspections.value", Formats.nonNull(record.inspectionsPassed()), inspected));
        row(out, Messages.get(lang, "integrity.weighed"), Messages.get(lang, "integrity.weighed.value",
                Formats.nonNull(record.packagesWeighed()), Formats.nonNull(record.t1Findings()), Formats.nonNull(record.t2Findings())));
        row(out, Messages.get(lang, "integrity.disputes"), Messages.get(lang, "integrity.disputes.value",
                Formats.nonNull(record.disputesUpheld()), Formats.nonNull(record.disputesOpened())));
        row(out, Messages.get(lang, "integrity.recalls"), String.valueOf(Formats.nonNull(record.recalls())));
        out.append("</dl><p><a id=\"org-page\" href=\"/o/").append(escape(Gs1.percentEncode(record.org())))
                .append("?lang=").append(lang.code()).append("\">").append(escape(Messages.get(lang, "org.page")))
                .append("</a></p></section>");
    }

    private static void advice(StringBuilder out, Model model, Lang lang) {
        String key = model.rejection() == LabelRejection.TRUNCATED || model.rejection() == LabelRejection.MALFORMED
                ? "advice.rescan"
                : "advice.report";
        out.append("<section><h2>").append(escape(Messages.get(lang, "section.advice"))).append("</h2><p>")
                .append(escape(Messages.get(lang, key))).append("</p></section>");
    }

    private static void footer(StringBuilder out, Model model, Lang lang) {
        out.append("<footer>");
        SignedLabel label = model.label();
        if (label != null) {
            boolean genuine = model.trace() != null;
            out.append("<p>").append(genuine ? "" : escape(Messages.get(lang, "footer.claims")) + " ")
                    .append("GTIN ").append(escape(label.claim().gtin())).append(" · ")
                    .append(escape(Messages.get(lang, "field.lot"))).append(' ').append(escape(label.claim().lot())).append(" · ")
                    .append(escape(Messages.get(lang, "field.serial"))).append(' ').append(escape(label.claim().serial()))
                    .append("</p>");
        }
        Trace trace = model.trace();
        long count = model.scan() != null && model.scan().scanCount() != null ? model.scan().scanCount()
                : trace != null && trace.scans() != null ? Formats.nonNull(trace.scans().count()) : 0;
        if (count > 0) {
            out.append("<p id=\"scans\">").append(escape(Messages.count(lang, "scans.count", count))).append("</p>");
        }
        out.append("<p>").append(escape(Messages.get(lang, "footer.read", Formats.time(model.readAt().toString()))))
                .append("</p></footer>");
    }
}
