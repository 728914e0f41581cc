package org.fairmark.cli.web;

import static org.fairmark.cli.HtmlText.escape;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Inline SVG charts of the dashboard: a provenance timeline and stacked bars. Text stays text (selectable, read by
 * screen readers); sizes are in a 340-unit-wide view box that scales to the screen.
 */
final class Svg {
    static final String GREEN = "#0a6b37";
    static final String AMBER = "#c77700";
    static final String RED = "#b0001a";
    static final String GREY = "#8a8a8a";
    static final String BLUE = "#0b57d0";
    static final String EMPTY = "#e4e4e0";

    private static final int WIDTH = 340;
    private static final int ROW = 44;
    private static final int LINE_X = 92;
    /** What fits right of the line: about 30 bold 13 px Latin characters, 36 regular 12 px ones. */
    static final int TITLE_UNITS = 30;
    static final int DETAIL_UNITS = 36;

    private Svg() {}

    /**
     * One event of a timeline.
     *
     * @param day the calendar day shown left of the line
     * @param time the time of day under it
     * @param title what happened
     * @param detail who, how much
     * @param colour the dot's colour
     */
    record Event(String day, String time, String title, String detail, String colour) {
        Event {
            Objects.requireNonNull(title, "title == null");
            Objects.requireNonNull(colour, "colour == null");
        }
    }

    /** A vertical timeline, oldest first; events are evenly spaced and each carries its date. */
    static String timeline(List<Event> events, String label) {
        int height = Math.max(ROW, events.size() * ROW);
        StringBuilder out = new StringBuilder(200 + events.size() * 400);
        out.append("<svg class=\"c\" id=\"timeline\" role=\"img\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" aria-label=\"").append(escape(label)).append("\" font-size=\"13\">");
        if (events.size() > 1) {
            out.append("<line x1=\"").append(LINE_X).append("\" y1=\"14\" x2=\"").append(LINE_X).append("\" y2=\"")
                    .append(height - ROW + 14).append("\" stroke=\"#9bbfa8\" stroke-width=\"3\"/>");
        }
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            int y = i * ROW + 14;
            out.append("<g><text x=\"0\" y=\"").append(y + 4).append("\" fill=\"#333\">").append(escape(event.day()))
                    .append("</text><text x=\"0\" y=\"").append(y + 19).append("\" fill=\"#555\" font-size=\"12\">")
                    .append(escape(event.time())).append("</text><circle cx=\"").append(LINE_X).append("\" cy=\"").append(y)
                    .append("\" r=\"6\" fill=\"").append(event.colour()).append("\"/><text x=\"").append(LINE_X + 14)
                    .append("\" y=\"").append(y + 4).append("\" font-weight=\"bold\">").append(escape(cut(event.title(), TITLE_UNITS)))
                    .append("</text>");
            if (event.detail() != null && !event.detail().isEmpty()) {
                out.append("<text x=\"").append(LINE_X + 14).append("\" y=\"").append(y + 19)
                        .append("\" fill=\"#555\" font-size=\"12\">").append(escape(cut(event.detail(), DETAIL_UNITS))).append("</text>");
            }
            out.append("</g>");
        }
        return out.append("</svg>").toString();
    }

    /**
     * One part of a stacked bar.
     *
     * @param label the legend text, e.g. {@code passed}
     * @param value a count, at least 0
     * @param colour its colour
     * @param shown the legend text when not "value label", or {@code null}
     */
    record Segment(String label, long value, String colour, String shown) {
        Segment(String label, long value, String colour) {
            this(label, value, colour, null);
        }

        /** The legend text: the count and the label, or the given text. */
        String legend() {
            return shown != null ? shown : value + " " + label;
        }
    }

    /**
     * A stacked bar chart: one bar per group, each bar the group's total (so each shows proportions within its own
     * group, and the counts are written under it). A group with nothing to count is drawn empty and says so.
     *
     * @param groups group titles and their segments
     * @param none the text for an empty group
     */
    static String stackedBars(String id, String label, List<Group> groups, String none) {
        int rowHeight = 62;
        int height = groups.size() * rowHeight;
        StringBuilder out = new StringBuilder(400 + groups.size() * 700);
        out.append("<svg class=\"c\" id=\"").append(escape(id)).append("\" role=\"img\" viewBox=\"0 0 ").append(WIDTH)
                .append(' ').append(height).append("\" aria-label=\"").append(escape(label)).append("\" font-size=\"13\">");
        for (int g = 0; g < groups.size(); g++) {
            Group group = groups.get(g);
            int y = g * rowHeight;
            out.append("<text x=\"0\" y=\"").append(y + 13).append("\" font-weight=\"bold\">").append(escape(group.title()))
                    .append("</text>");
            long total = group.segments().stream().mapToLong(Segment::value).sum();
            int barY = y + 19;
            if (total <= 0) {
                out.append("<rect x=\"0\" y=\"").append(barY).append("\" width=\"").append(WIDTH).append("\" height=\"16\" fill=\"")
                        .append(EMPTY).append("\"/><text x=\"0\" y=\"").append(barY + 32).append("\" fill=\"#555\">")
                        .append(escape(none)).append("</text>");
                continue;
            }
            double x = 0;
            StringBuilder legend = new StringBuilder();
            for (Segment segment : group.segments()) {
                if (segment.value() > 0) {
                    double width = WIDTH * (double) segment.value() / total;
                    out.append("<rect x=\"").append(format(x)).append("\" y=\"").append(barY).append("\" width=\"")
                            .append(format(width)).append("\" height=\"16\" fill=\"").append(segment.colour()).append("\"><title>")
                            .append(escape(segment.legend())).append("</title></rect>");
                    x += width;
                }
                if (segment.value() > 0 || group.segments().indexOf(segment) == 0) {
                    legend.append(legend.length() == 0 ? "" : " · ").append(segment.legend());
                }
            }
            out.append("<text x=\"0\" y=\"").append(barY + 32).append("\" fill=\"#333\">").append(escape(legend.toString()))
                    .append("</text>");
        }
        return out.append("</svg>").toString();
    }

    /**
     * One day of a producer's history.
     *
     * @param rating A, B, C, D or NEW at the end of the day
     * @param shortPermille short-weight findings per 1,000 packages weighed so far
     */
    record Day(String date, String rating, long shortPermille) {}

    static String ratingColour(String rating) {
        return switch (rating) {
            case "A" -> GREEN;
            case "B" -> BLUE;
            case "C" -> AMBER;
            case "D" -> RED;
            default -> GREY;
        };
    }

    /**
     * A producer's history: one square a day with the rating it had, and under it a line of the short-weight rate.
     * Days are evenly spaced (they are the days with facts, not a calendar); the first and last are labelled.
     */
    static String history(String id, String label, List<Day> days, long scalePermille) {
        int band = 26;
        int plotTop = 40;
        int plotHeight = 50;
        int height = plotTop + plotHeight + 22;
        StringBuilder out = new StringBuilder(300 + days.size() * 160);
        out.append("<svg class=\"c\" id=\"").append(escape(id)).append("\" role=\"img\" viewBox=\"0 0 ").append(WIDTH)
                .append(' ').append(height).append("\" aria-label=\"").append(escape(label)).append("\" font-size=\"12\">");
        double step = (double) WIDTH / Math.max(1, days.size());
        double cell = Math.min(step - 2, band);
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < days.size(); i++) {
            Day day = days.get(i);
            double x = i * step;
            out.append("<rect x=\"").append(format(x)).append("\" y=\"0\" width=\"").append(format(Math.max(1, cell)))
                    .append("\" height=\"").append(band).append("\" fill=\"").append(ratingColour(day.rating()))
                    .append("\"><title>").append(escape(day.date() + " " + day.rating() + " · " + day.shortPermille() + "\u2030"))
                    .append("</title></rect>");
            if (cell >= 14) {
                out.append("<text x=\"").append(format(x + cell / 2)).append("\" y=\"18\" fill=\"#fff\" text-anchor=\"middle\"")
                        .append(" font-weight=\"bold\">").append(escape(day.rating().equals("NEW") ? "\u00b7" : day.rating()))
                        .append("</text>");
            }
            double y = plotTop + plotHeight - plotHeight * Math.min(1.0, (double) day.shortPermille() / scalePermille);
            line.append(line.length() == 0 ? "" : " ").append(format(x + cell / 2)).append(',').append(format(y));
        }
        out.append("<line x1=\"0\" y1=\"").append(plotTop + plotHeight).append("\" x2=\"").append(WIDTH).append("\" y2=\"")
                .append(plotTop + plotHeight).append("\" stroke=\"").append(EMPTY).append("\"/>");
        out.append("<polyline points=\"").append(line).append("\" fill=\"none\" stroke=\"").append(RED)
                .append("\" stroke-width=\"2\"/>");
        if (!days.isEmpty()) {
            out.append("<text x=\"0\" y=\"").append(height - 4).append("\" fill=\"#555\">").append(escape(days.get(0).date()))
                    .append("</text>");
            if (days.size() > 1) {
                out.append("<text x=\"").append(WIDTH).append("\" y=\"").append(height - 4)
                        .append("\" fill=\"#555\" text-anchor=\"end\">").append(escape(days.get(days.size() - 1).date()))
                        .append("</text>");
            }
        }
        return out.append("</svg>").toString();
    }

    /** A titled group of segments. */
    record Group(String title, List<Segment> segments) {
        Group {
            segments = List.copyOf(segments);
        }
    }

    /** Cuts a label to what fits beside the line: a wide (CJK) character counts as two narrow ones. */
    static String cut(String text, int maxUnits) {
        int total = text.codePoints().map(Svg::units).sum();
        if (total <= maxUnits) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int units = 0;
        for (int codePoint : text.codePoints().toArray()) {
            units += units(codePoint);
            if (units > maxUnits - 1) {
                break;
            }
            out.appendCodePoint(codePoint);
        }
        return out.append('\u2026').toString();
    }

    private static int units(int codePoint) {
        return codePoint >= 0x1100 ? 2 : 1;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
