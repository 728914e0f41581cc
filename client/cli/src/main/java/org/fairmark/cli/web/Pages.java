package org.fairmark.cli.web;

import static org.fairmark.cli.HtmlText.escape;

/**
 * What the HTML pages share: the document head with the one inline style sheet, the top bar with the language toggle,
 * the verdict icons, and the small error page. Sized for a 360 px wide phone first; nothing loads from elsewhere.
 */
final class Pages {
    /** The Content-Security-Policy of every page: inline styles and data: images only, forms to this server only. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private static final String STYLE = "*{box-sizing:border-box}html{-webkit-text-size-adjust:100%}"
            + "body{margin:0;background:#f3f3ef;color:#1b1b1b;font:16px/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,"
            + "\"PingFang SC\",\"Hiragino Sans GB\",\"Noto Sans CJK SC\",\"Microsoft YaHei\",sans-serif}"
            + "header{display:flex;justify-content:space-between;align-items:center;gap:.5rem;padding:.35rem .9rem;"
            + "background:#fff;border-bottom:1px solid #ddd}"
            + "a{color:#0b57d0}header a{padding:.3rem .8rem;border:1px solid #0b57d0;border-radius:1rem;text-decoration:none}"
            + "main{max-width:42rem;margin:0 auto;padding-bottom:1rem}"
            + ".v{display:flex;gap:.8rem;align-items:center;padding:1.3rem 1rem;color:#fff}"
            + ".v svg{flex:none;width:3.5rem;height:3.5rem}.v h1{margin:0;font-size:2.4rem;line-height:1.1}"
            + ".v p{margin:.35rem 0 0;font-size:1.05rem}"
            + ".g{background:#0a6b37}.r{background:#b0001a}.d{background:#9a4a00}.f{background:#5e0b15}.u{background:#4b4b4b}"
            + "section{background:#fff;margin:.6rem .5rem;padding:.7rem .9rem;border-radius:.5rem}"
            + "section.alert{border:3px solid #b0001a}h2{margin:0 0 .4rem;font-size:1.05rem;color:#333}"
            + "dl{display:grid;grid-template-columns:minmax(5rem,auto) 1fr;gap:.2rem .8rem;margin:0}"
            + "dt{color:#595959}dd{margin:0;overflow-wrap:anywhere}.big{font-size:1.6rem;font-weight:700;margin:0 0 .3rem}"
            + ".w{margin:.6rem .5rem;padding:.6rem .8rem;background:#fff3e0;border-left:5px solid #9a4a00;border-radius:.3rem}"
            + "ol.t{list-style:none;margin:0;padding:0 0 0 1.1rem;border-left:3px solid #9bbfa8}"
            + "ol.t li{position:relative;margin:0 0 .6rem}ol.t li::before{content:\"\";position:absolute;left:-1.62rem;"
            + "top:.35rem;width:.8rem;height:.8rem;border-radius:50%;background:#0a6b37}small{color:#595959}"
            + ".ds{border-top:1px solid #eee;padding:.4rem 0}"
            + ".rt{display:flex;gap:.8rem;align-items:center}.rt p{margin:0}"
            + ".rl{flex:none;min-width:3rem;height:3rem;line-height:3rem;text-align:center;border-radius:1.5rem;"
            + "font-size:1.4rem;font-weight:700;color:#fff;background:#4b4b4b;padding:0 .4rem}"
            + ".rA{background:#0a6b37}.rB{background:#3d7a00}.rC{background:#9a4a00}.rD{background:#b0001a}"
            + "footer{margin:1rem .9rem;color:#595959;font-size:.85rem;overflow-wrap:anywhere}footer p{margin:.2rem 0}"
            + "form{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end}"
            + "label{display:flex;flex-direction:column;font-size:.9rem;flex:1 1 9rem}"
            + "input{font:inherit;padding:.45rem;border:1px solid #888;border-radius:.3rem;min-width:0}"
            + "button{font:inherit;padding:.5rem 1.2rem;border:0;border-radius:.3rem;background:#0b57d0;color:#fff}"
            + ".sc{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.9rem}"
            + "th,td{text-align:left;padding:.25rem .4rem;border-bottom:1px solid #eee}td.n{white-space:nowrap}"
            + "svg.c{width:100%;height:auto;display:block}"
            + ".st{display:inline-block;padding:0 .6rem;border-radius:1rem;color:#fff}";

    private static final String ICON_START = "<svg viewBox=\"0 0 24 24\" aria-hidden=\"true\" fill=\"none\" stroke=\"currentColor\" "
            + "stroke-width=\"2.4\" stroke-linecap=\"round\" stroke-linejoin=\"round\">";

    private Pages() {}

    /** The document head and the start of the body. */
    static void head(StringBuilder out, Lang lang, String title) {
        out.append("<!DOCTYPE html><html lang=\"").append(lang.tag()).append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<meta name=\"robots\" content=\"noindex\"><meta name=\"color-scheme\" content=\"light\">")
                .append("<link rel=\"icon\" href=\"data:,\"><title>").append(escape(title)).append("</title><style>")
                .append(STYLE).append("</style></head><body>");
    }

    /** The bar above the content: the name, and the link to the page in the other language. */
    static void topBar(StringBuilder out, Lang lang, String toggleHref) {
        Lang other = lang.other();
        out.append("<header><b>").append(escape(Messages.get(lang, "site.name"))).append("</b><a id=\"lang\" href=\"")
                .append(toggleHref).append("\" hreflang=\"").append(other.tag()).append("\" lang=\"").append(other.tag())
                .append("\">").append(escape(Messages.get(other, "lang.name"))).append("</a></header>");
    }

    /** The verdict's icon, white on the banner colour. */
    static String icon(Verdict verdict) {
        String shape = switch (verdict) {
            case GENUINE -> "<circle cx=\"12\" cy=\"12\" r=\"10\"/><path d=\"M7 12.5l3.2 3.2L17 9\"/>";
            case RECALLED, UNDER_DISPUTE -> "<path d=\"M12 2.8L1.8 20.5h20.4z\"/><path d=\"M12 9.5v5M12 17.6v.2\"/>";
            case FORGED -> "<circle cx=\"12\" cy=\"12\" r=\"10\"/><path d=\"M8 8l8 8M16 8l-8 8\"/>";
            case UNKNOWN -> "<circle cx=\"12\" cy=\"12\" r=\"10\"/><path d=\"M9.4 9.3a2.7 2.7 0 1 1 3.8 2.5c-.8.4-1.2 1-1.2 1.9M12 17v.2\"/>";
        };
        return ICON_START + shape + "</svg>";
    }

    /** A small page for errors of the HTML routes. */
    static String error(Lang lang, String message, String toggleHref) {
        StringBuilder out = new StringBuilder(4000);
        head(out, lang, Messages.get(lang, "error.title"));
        topBar(out, lang, toggleHref);
        out.append("<main><section><h2>").append(escape(Messages.get(lang, "error.title"))).append("</h2><p>")
                .append(escape(message)).append("</p></section></main></body></html>");
        return out.toString();
    }
}
