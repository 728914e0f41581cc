package org.fairmark.contract;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.fairmark.domain.CountyCode;
import org.fairmark.domain.DomainException;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.GeoPoints;
import org.fairmark.domain.Role;
import org.fairmark.domain.model.GeoPoint;
import org.fairmark.domain.model.PackageRecord;
import org.fairmark.domain.model.Requests;
import org.fairmark.domain.model.Scan;
import org.fairmark.domain.model.ScanPolicy;
import org.fairmark.domain.model.Trace;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * Scans: recorded label verifications, and the clone check. A serial scanned more often than the channel's
 * {@code maxScans}, or at two places farther apart than {@code maxSpeedKmPerHour} allows in the time between the scans,
 * is flagged as a possible cloned label. Places are coarse: a county code and/or a point rounded to 0.1°.
 */
@Contract(name = "scan", info = @Info(title = "Fairmark label scans", version = "0.1.0"))
public final class ScanContract extends FairmarkContract {
    static final long COARSE_MICRODEGREES = 100_000; // 0.1°
    static final String POLICY = "scan-policy";
    /** Only so many earlier scans are compared for travel speed; the count rule covers the rest. */
    static final int SPEED_WINDOW = 50;

    /** Records a label verification. Any identity of the channel. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String Record(Context ctx, String request) {
        return write(ctx, request, Requests.RecordScan.class, ScanContract::record);
    }

    /** Sets the clone-detection parameters of the channel. Role auditor (the regulator). */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String SetPolicy(Context ctx, String request) {
        return write(ctx, request, Requests.SetScanPolicy.class, ScanContract::setPolicy);
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String GetPolicy(Context ctx, String request) {
        return read(ctx, request, Requests.NoArguments.class, (c, r) -> policy(c));
    }

    static ScanPolicy policy(FairmarkContext ctx) {
        ScanPolicy policy = ctx.get(ctx.key(Keys.CONFIG, POLICY), ScanPolicy.class);
        return policy == null ? ScanPolicy.DEFAULT : policy;
    }

    static List<Scan> scans(FairmarkContext ctx, PackageRecord pkg) {
        List<Scan> scans = ctx.list(Scan.class, Keys.SCAN, pkg.gtin(), pkg.serial());
        scans.sort(java.util.Comparator.comparing(Scan::scannedAt).thenComparing(Scan::scanId));
        return scans;
    }

    static Trace.ScanSummary summary(FairmarkContext ctx, PackageRecord pkg) {
        List<Scan> scans = scans(ctx, pkg);
        List<String> reasons = new ArrayList<>();
        for (Scan scan : scans) {
            scan.reasons().stream().filter(reason -> !reasons.contains(reason)).forEach(reasons::add);
        }
        return new Trace.ScanSummary((long) scans.size(), !reasons.isEmpty(),
                scans.isEmpty() ? null : scans.get(scans.size() - 1).scannedAt(), reasons);
    }

    private static Object record(FairmarkContext ctx, Requests.RecordScan r) {
        Submitter scanner = ctx.submitter();
        PackageRecord pkg = PackagingContract.requirePackage(ctx, r.gtin(), r.lot(), r.serial());
        String county = r.countyCode() == null ? null : CountyCode.requireValid(r.countyCode());
        GeoPoint point = coarse(r.point());
        ScanPolicy policy = policy(ctx);
        List<Scan> earlier = scans(ctx, pkg);
        long count = earlier.size() + 1L;
        List<String> reasons = new ArrayList<>();
        if (count > policy.maxScans()) {
            reasons.add("scanned " + count + " times; more than " + policy.maxScans() + " is implausible");
        }
        Instant now = ctx.timestamp();
        int from = Math.max(0, earlier.size() - SPEED_WINDOW);
        for (Scan before : earlier.subList(from, earlier.size())) {
            if (point == null || before.point() == null) {
                continue;
            }
            long km = distanceKm(before.point(), point);
            long seconds = Math.max(0, Duration.between(Instant.parse(before.scannedAt()), now).getSeconds());
            // km / hours > max speed, in integers: km * 3600 > max * seconds
            if (km > 1 && km * 3600 > policy.maxSpeedKmPerHour() * seconds) {
                reasons.add("scanned " + km + " km away " + seconds + " s after an earlier scan");
                break;
            }
        }
        String scanId = ctx.txId();
        Scan scan = new Scan(scanId, pkg.gtin(), pkg.lot(), pkg.serial(), county, point, ctx.timestampText(),
                scanner.mspId(), count, !reasons.isEmpty(), reasons);
        ctx.create(ctx.key(Keys.SCAN, pkg.gtin(), pkg.serial(), scanId), scan, scanner.mspId());
        ctx.emit("LabelScanned", event("gtin", pkg.gtin(), "lot", pkg.lot(), "serial", pkg.serial(),
                "scanCount", count, "cloneSuspected", !reasons.isEmpty()));
        return scan;
    }

    private static Object setPolicy(FairmarkContext ctx, Requests.SetScanPolicy r) {
        Submitter auditor = ctx.requireRole(Role.AUDITOR);
        long maxScans = InspectionContract.requireRange("maxScans", r.maxScans(), 1, 10_000);
        long maxSpeed = InspectionContract.requireRange("maxSpeedKmPerHour", r.maxSpeedKmPerHour(), 1, 2_000);
        ScanPolicy policy = new ScanPolicy(maxScans, maxSpeed, auditor.mspId(), ctx.timestampText());
        String key = ctx.key(Keys.CONFIG, POLICY);
        if (ctx.exists(key)) {
            // Bound at first setting to that auditor's org: only its peers may endorse a change.
            ctx.update(key, policy);
        } else {
            ctx.create(key, policy, auditor.mspId());
        }
        ctx.emit("ScanPolicySet", event("maxScans", maxScans, "maxSpeedKmPerHour", maxSpeed));
        return policy;
    }

    /** Rounds a point to 0.1°: enough to tell a county from a distant one, too coarse to locate a person. */
    static GeoPoint coarse(GeoPoint point) {
        if (GeoPoints.requireValid(point) == null) {
            return null;
        }
        long lat = point.latitudeMicrodegrees();
        long lon = point.longitudeMicrodegrees();
        return new GeoPoint(Math.floorDiv(lat + COARSE_MICRODEGREES / 2, COARSE_MICRODEGREES) * COARSE_MICRODEGREES,
                Math.floorDiv(lon + COARSE_MICRODEGREES / 2, COARSE_MICRODEGREES) * COARSE_MICRODEGREES);
    }

    /** Great-circle distance in whole km (haversine with StrictMath, so every endorser computes the same number). */
    static long distanceKm(GeoPoint a, GeoPoint b) {
        double lat1 = StrictMath.toRadians(a.latitudeMicrodegrees() / 1e6);
        double lat2 = StrictMath.toRadians(b.latitudeMicrodegrees() / 1e6);
        double dLat = lat2 - lat1;
        double dLon = StrictMath.toRadians((b.longitudeMicrodegrees() - a.longitudeMicrodegrees()) / 1e6);
        double h = StrictMath.pow(StrictMath.sin(dLat / 2), 2)
                + StrictMath.cos(lat1) * StrictMath.cos(lat2) * StrictMath.pow(StrictMath.sin(dLon / 2), 2);
        return (long) StrictMath.floor(2 * 6371.0 * StrictMath.asin(StrictMath.sqrt(StrictMath.min(1.0, h))));
    }
}
