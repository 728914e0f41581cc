package org.fairmark.contract;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fairmark.domain.DomainException;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.Limits;
import org.fairmark.domain.model.Batch;
import org.fairmark.domain.model.Custody;
import org.fairmark.domain.model.PackageRecord;
import org.fairmark.domain.model.Requests;

/** Package look-ups of the trade half: the package, its batch and its custody, each by composite key. */
final class Packages {
    private Packages() {}

    /** Checks a list of package references: 1..{@link Limits#MAX_PACKAGES_PER_TRANSACTION}, no repeats. */
    static List<Requests.PackageRef> requireRefs(List<Requests.PackageRef> refs) {
        if (refs == null || refs.isEmpty()) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "packages must name at least one package");
        }
        if (refs.size() > Limits.MAX_PACKAGES_PER_TRANSACTION) {
            throw new DomainException(ErrorCode.TOO_MANY_PACKAGES,
                    refs.size() + " packages; at most " + Limits.MAX_PACKAGES_PER_TRANSACTION + " per transaction");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (Requests.PackageRef ref : refs) {
            if (ref == null) {
                throw new DomainException(ErrorCode.INVALID_ARGUMENT, "packages holds a null entry");
            }
            if (!seen.add(ref.gtin() + "/" + ref.serial())) {
                throw new DomainException(ErrorCode.INVALID_ARGUMENT, "package " + ref.serial() + " is listed twice");
            }
        }
        return refs;
    }

    static PackageRecord require(FairmarkContext ctx, Requests.PackageRef ref) {
        return PackagingContract.requirePackage(ctx, ref.gtin(), ref.lot(), ref.serial());
    }

    static String custodyKey(FairmarkContext ctx, PackageRecord pkg) {
        return ctx.key(Keys.CUSTODY, pkg.gtin(), pkg.serial());
    }

    /**
     * The package's custody: its record, written when the package was packed, or — for packages packed before
     * custody records were created at pack time — held by its packer.
     */
    static Custody custody(FairmarkContext ctx, PackageRecord pkg) {
        Custody custody = ctx.get(custodyKey(ctx, pkg), Custody.class);
        return custody != null ? custody : initialCustody(pkg);
    }

    /** A new package's custody: held by its packer, no hops yet. */
    static Custody initialCustody(PackageRecord pkg) {
        return new Custody(pkg.gtin(), pkg.lot(), pkg.serial(), pkg.packerOrg(), pkg.packerId(),
                Custody.CustodyStatus.HELD, null, null, 0L, pkg.packedAt(), pkg.packingId());
    }

    /** Batches by "gtin/lot", read once each however many packages of them a transaction names. */
    static final class BatchCache {
        private final FairmarkContext ctx;
        private final Map<String, Batch> batches = new HashMap<>();
        private final Map<String, Boolean> recalled = new HashMap<>();

        BatchCache(FairmarkContext ctx) {
            this.ctx = ctx;
        }

        Batch batch(PackageRecord pkg) {
            return batches.computeIfAbsent(pkg.gtin() + "/" + pkg.lot(), k -> Records.requireBatch(ctx, pkg.gtin(), pkg.lot()));
        }

        /** Refuses a package of a recalled batch with {@link ErrorCode#BATCH_RECALLED}: its packages cannot move. */
        void requireNotRecalled(PackageRecord pkg) {
            requireNotRecalled(pkg, "its packages cannot move");
        }

        void requireNotRecalled(PackageRecord pkg, String consequence) {
            Batch batch = batch(pkg);
            if (recalled.computeIfAbsent(pkg.gtin() + "/" + pkg.lot(), k -> Records.isRecalled(ctx, batch))) {
                throw new DomainException(ErrorCode.BATCH_RECALLED, "batch " + batch.gtin() + " lot " + batch.lot()
                        + " is recalled; " + consequence + " (package " + pkg.serial() + ")");
            }
        }
    }
}
