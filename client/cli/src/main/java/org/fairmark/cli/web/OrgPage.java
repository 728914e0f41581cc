package org.fairmark.cli.web;

import static org.fairmark.cli.HtmlText.escape;
import static org.fairmark.cli.web.Html.row;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.fairmark.domain.Gs1;
import org.fairmark.domain.model.Batch;
import org.fairmark.domain.model.BatchView;
import org.fairmark.domain.model.Inspection;
import org.fairmark.domain.model.IntegrityPoint;
import org.fairmark.domain.model.OrgOverview;
import org.fairmark.domain.model.OrgProfile;
import org.fairmark.domain.model.Verdict;

/**
 * An organization's public page, {@code /o/{org}}: who they are (the profile), the integrity record with its history
 * chart, recent inspections and rulings, and their batches with status. Chinese first, no script, inline SVG only; every
 * value from the ledger is escaped.
 */
final class OrgPage {
    static final int MAX_ROWS = 20;

    private OrgPage() {}

    /**
     * What the page shows.
     *
     * @param overview the org's overview from {@code profile:Overview}
     * @param history the integrity record after each day with facts, oldest first
     * @param readAt when the ledger was read
     */
    record Model(OrgOverview overview, List<IntegrityPoint> history, Instant readAt) {
        Model {
            Objects.requireNonNull(overview, "overview == null");
            Objects.requireNonNull(readAt, "readAt == null");
            history = history == null ? List.of() : List.copyOf(history);
        }
    }

    static String render(Model model, Lang lang, String toggleHref) {
        OrgOverview overview = model.overview();
        OrgProfile profile = overview.profile();
        String name = profile == null ? overview.org() : lang == Lang.ZH ? profile.nameZh() : profile.nameEn();
        StringBuilder out = new StringBuilder(16_000);
        Pages.head(out, lang, name + " · Fairmark");
        Pages.topBar(out, lang, toggleHref);
        out.append("<main><section id=\"profile\"><h1 id=\"org-name\" style=\"margin:0 0 .3rem;font-size:1.5rem\">")
                .append(escape(name)).append("</h1>");
        if (profile == null) {
            out.append("<p id=\"no-profile\">").append(escape(Messages.get(lang, "org.noProfile"))).append("</p><dl>");
        } else {
            out.append("<p id=\"org-other-name\" lang=\"").append(lang.other().tag()).append("\">")
                    .append(escape(lang == Lang.ZH ? profile.nameEn() : profile.nameZh())).append("</p><dl>");
            row(out, Messages.get(lang, "org.kind"), Messages.get(lang, "org.kind." + profile.kind()));
            row(out, Messages.get(lang, "org.creditCode"), profile.socialCreditCode());
            row(out, Messages.get(lang, "org.county"), org.fairmark.domain.AdministrativeDivisions.table().label(profile.countyCode()));
            row(out, Messages.get(lang, "org.updated"), Formats.time(profile.updatedAt()));
        }
        row(out, Messages.get(lang, "org.mspId"), overview.org());
        out.append("</dl><p><small>").append(escape(Messages.get(lang, "org.badge"))).append(" <code id=\"badge-path\">/badge/")
                .append(escape(Gs1.percentEncode(overview.org()))).append(".svg?lang=").append(lang.code())
                .append("</code></small></p></section>");
        if (overview.integrity() != null) {
            DashboardPage.integrity(out, overview.integrity(), lang);
            DashboardPage.history(out, model.history(), lang);
        }
        inspections(out, overview.inspections(), lang);
        VerifyPage.rulings(out, overview.rulings(), lang);
        batches(out, overview.batches(), lang);
        out.append("<footer><p>").append(escape(Messages.get(lang, "footer.read", Formats.time(model.readAt().toString()))))
                .append("</p></footer></main></body></html>");
        return out.toString();
    }

    private static void inspections(StringBuilder out, List<Inspection> inspections, Lang lang) {
        out.append("<section id=\"inspections\"><h2>").append(escape(Messages.get(lang, "org.inspections"))).append("</h2>");
        if (inspections.isEmpty()) {
            out.append("<p>").append(escape(Messages.get(lang, "org.inspections.none"))).append("</p></section>");
            return;
        }
        out.append("<div class=\"sc\"><table><tr><th>").append(escape(Messages.get(lang, "org.date"))).append("</th><th>")
                .append(escape(Messages.get(lang, "field.lot"))).append("</th><th>").append(escape(Messages.get(lang, "section.grade")))
                .append("</th><th>").append(escape(Messages.get(lang, "field.inspector"))).append("</th></tr>");
        for (int i = 0; i < inspections.size() && i < MAX_ROWS; i++) {
            Inspection inspection = inspections.get(i);
            String verdict = inspection.verdict() == null ? "" : Messages.get(lang, "inspection." + inspection.verdict());
            out.append("<tr><td class=\"n\">").append(escape(Formats.day(inspection.inspectedAt()))).append("</td><td class=\"n\">")
                    .append(escape(inspection.lot())).append("</td><td><span class=\"st\" style=\"background:")
                    .append(inspection.verdict() == Verdict.PASS ? Svg.GREEN : Svg.RED).append(";white-space:nowrap\">")
                    .append(escape(VerifyPage.gradeName(inspection.grade(), lang) + " · " + verdict)).append("</span></td><td>")
                    .append(escape(OrgNames.show(inspection.inspectorOrg(), lang))).append("</td></tr>");
        }
        out.append("</table></div></section>");
    }

    private static void batches(StringBuilder out, List<BatchView> batches, Lang lang) {
        out.append("<section id=\"batches\"><h2>").append(escape(Messages.get(lang, "org.batches"))).append("</h2>");
        if (batches.isEmpty()) {
            out.append("<p>").append(escape(Messages.get(lang, "org.batches.none"))).append("</p></section>");
            return;
        }
        out.append("<div class=\"sc\"><table><tr><th>").append(escape(Messages.get(lang, "field.product"))).append("</th><th>")
                .append(escape(Messages.get(lang, "field.lot"))).append("</th><th>").append(escape(Messages.get(lang, "org.status")))
                .append("</th><th>").append(escape(Messages.get(lang, "field.harvest"))).append("</th></tr>");
        for (int i = 0; i < batches.size() && i < MAX_ROWS; i++) {
            BatchView view = batches.get(i);
            Batch batch = view.batch();
            String link = "/dashboard?gtin=" + Html.url(batch.gtin()) + "&lot=" + Html.url(batch.lot()) + "&lang=" + lang.code();
            out.append("<tr><td>").append(escape(batch.product())).append("</td><td class=\"n\"><a href=\"").append(escape(link))
                    .append("\">").append(escape(batch.lot())).append("</a></td><td class=\"n\">")
                    .append(escape(Messages.get(lang, "status." + view.status()))).append("</td><td class=\"n\">")
                    .append(escape(batch.harvestDate())).append("</td></tr>");
        }
        out.append("</table></div></section>");
    }
}
