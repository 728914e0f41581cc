package org.fairmark.contract;

import java.util.Comparator;
import java.util.List;
import org.fairmark.domain.DomainException;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.GradingStandard;
import org.fairmark.domain.Gs1;
import org.fairmark.domain.Gtin;
import org.fairmark.domain.MspId;
import org.fairmark.domain.model.Batch;
import org.fairmark.domain.model.BatchStatus;
import org.fairmark.domain.model.BatchView;
import org.fairmark.domain.model.Inspection;
import org.fairmark.domain.model.PackingRun;
import org.fairmark.domain.model.PublishedStandard;

/** Look-ups shared by the contracts: each a composite-key read, so their cost never grows with the ledger. */
final class Records {
    /** Inspections of one batch, latest last: by time, then by id so that equal timestamps still order the same. */
    static final Comparator<Inspection> BY_TIME =
            Comparator.comparing(Inspection::inspectedAt).thenComparing(Inspection::inspectionId);

    private Records() {}

    /** An MSP id ({@link MspId}). */
    static String requireMspId(String field, String mspId) {
        return MspId.require(field, mspId);
    }

    static String batchKey(FairmarkContext ctx, String gtin, String lot) {
        return ctx.key(Keys.BATCH, Gtin.requireValid(gtin), Gs1.requireLot(lot));
    }

    static Batch requireBatch(FairmarkContext ctx, String gtin, String lot) {
        Batch batch = ctx.get(batchKey(ctx, gtin, lot), Batch.class);
        if (batch == null) {
            throw new DomainException(ErrorCode.BATCH_NOT_FOUND, "no batch " + gtin + " lot " + lot);
        }
        return batch;
    }

    static List<Inspection> inspections(FairmarkContext ctx, Batch batch) {
        List<Inspection> all = ctx.list(Inspection.class, Keys.INSPECTION, batch.gtin(), batch.lot());
        all.sort(BY_TIME);
        return all;
    }

    static Inspection latestInspection(FairmarkContext ctx, Batch batch) {
        List<Inspection> all = inspections(ctx, batch);
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    static List<PackingRun> packingRuns(FairmarkContext ctx, Batch batch) {
        List<PackingRun> runs = ctx.list(PackingRun.class, Keys.PACKING, batch.gtin(), batch.lot());
        runs.sort(Comparator.comparing(PackingRun::packedAt).thenComparing(PackingRun::packingId));
        return runs;
    }

    static boolean isRecalled(FairmarkContext ctx, Batch batch) {
        return ctx.exists(ctx.key(Keys.RECALL, batch.gtin(), batch.lot()));
    }

    static void requireNotRecalled(FairmarkContext ctx, Batch batch) {
        if (isRecalled(ctx, batch)) {
            throw new DomainException(
                    ErrorCode.BATCH_RECALLED, "batch " + batch.gtin() + " lot " + batch.lot() + " is recalled");
        }
    }

    static PublishedStandard requireStandard(FairmarkContext ctx, String code, String version) {
        if (version == null) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "standard version is required");
        }
        GradingStandard.requireReference(code, version);
        PublishedStandard standard = ctx.get(ctx.key(Keys.STANDARD, code, version), PublishedStandard.class);
        if (standard == null) {
            throw new DomainException(ErrorCode.STANDARD_NOT_FOUND, "no grading standard " + code + " version " + version);
        }
        return standard;
    }

    static BatchView view(FairmarkContext ctx, Batch batch) {
        return view(batch, latestInspection(ctx, batch), packingRuns(ctx, batch), isRecalled(ctx, batch));
    }

    /**
     * The view from records already read: {@code latest} of {@link #inspections}, every run of {@link #packingRuns},
     * whether the batch is recalled (a trace reads them anyway, so it does not read them twice).
     */
    static BatchView view(Batch batch, Inspection latest, List<PackingRun> runs, boolean recalled) {
        long count = 0;
        long packed = 0;
        for (PackingRun run : runs) {
            count += run.packageCount();
            packed += run.nominalTotalGrams();
        }
        BatchStatus status =
                BatchStatus.derive(recalled, count, latest == null ? null : latest.verdict());
        long remaining = batch.declaredMassGrams() - batch.packingLossAllowanceGrams() - packed;
        return new BatchView(batch, status, latest, count, packed, remaining);
    }
}
