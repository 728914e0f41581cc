package org.fairmark.cli;

import picocli.CommandLine.Parameters;

/**
 * The two positional parameters that name a batch, {@code GTIN LOT}, shared by every command on a batch or its
 * packages (a picocli {@code @Mixin}); the command's own positional parameters follow from index 2.
 */
final class BatchKeyMixin {
    @Parameters(index = "0", paramLabel = "GTIN", description = "GTIN-14 with check digit.")
    String gtin;

    @Parameters(index = "1", paramLabel = "LOT", description = "Lot (GS1 AI 10).")
    String lot;
}
