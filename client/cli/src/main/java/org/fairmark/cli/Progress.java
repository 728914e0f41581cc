package org.fairmark.cli;

import java.io.PrintStream;

/**
 * Import progress on standard error: a bar redrawn in place on a terminal, otherwise (or with {@code --json}) plain
 * lines at every tenth of the work, so logs stay readable.
 */
final class Progress {
    private static final int WIDTH = 30;

    private final PrintStream err;
    private final boolean bar;
    private final long total;
    private final String label;
    private long done;
    private int lastTenth = -1;

    Progress(PrintStream err, boolean bar, long total, String label) {
        this.err = err;
        this.bar = bar;
        this.total = Math.max(total, 1);
        this.label = label;
    }

    synchronized void advance(long rows) {
        done += rows;
        if (bar) {
            int filled = (int) (WIDTH * done / total);
            err.print("\r" + label + " [" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total);
            if (done >= total) {
                err.println();
            }
            err.flush();
            return;
        }
        int tenth = (int) (10 * done / total);
        if (tenth != lastTenth || done >= total) {
            lastTenth = tenth;
            err.println(label + " " + done + "/" + total + " (" + 100 * done / total + "%)");
        }
    }

    /** Ends an unfinished bar's line. */
    synchronized void finish() {
        if (bar && done < total) {
            err.println();
        }
    }
}
