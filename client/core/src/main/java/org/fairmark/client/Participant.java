package org.fairmark.client;

import java.util.List;
import org.fairmark.domain.model.BatchHistory;
import org.fairmark.domain.model.BatchView;
import org.fairmark.domain.model.Custody;
import org.fairmark.domain.model.Dispute;
import org.fairmark.domain.model.Inspection;
import org.fairmark.domain.model.LotInspection;
import org.fairmark.domain.model.IntegrityPoint;
import org.fairmark.domain.model.IntegrityRecord;
import org.fairmark.domain.model.LabelKey;
import org.fairmark.domain.model.PackageRecord;
import org.fairmark.domain.model.Page;
import org.fairmark.domain.model.PublishedStandard;
import org.fairmark.domain.model.RecallRecord;
import org.fairmark.domain.model.Receipt;
import org.fairmark.domain.model.Requests;
import org.fairmark.domain.model.Scan;
import org.fairmark.domain.model.ScanPolicy;
import org.fairmark.domain.model.Trace;

/**
 * What every identity of the channel may do, whatever its role: read the ledger (each read is one {@code evaluate},
 * never a transaction), verify labels online and record scans. Every role facade extends it.
 *
 * <pre>{@code
 * Participant anyone = client.participant();
 * Trace trace = anyone.tracePackage("06901234567892", "QX-2024-001", "P0001");
 * OnlineVerification check = anyone.verifyLabel(scannedUri);
 * }</pre>
 *
 * <p>Every method throws {@link FairmarkException} with the contract's code when the ledger refuses (e.g.
 * {@code BATCH_NOT_FOUND}) or the gateway cannot be reached.
 */
public interface Participant {

    /** {@code batch:Get}: the batch with its derived status, latest inspection and mass balance. */
    BatchView batch(String gtin, String lot);

    /**
     * {@code batch:ListPackages}: one page of the batch's packages.
     *
     * @param pageSize 1..1000, or {@code null} for the contract's default of 100
     * @param bookmark the previous page's bookmark, or {@code null} for the first page
     */
    Page<PackageRecord> packages(String gtin, String lot, Long pageSize, String bookmark);

    /** Every package of a batch, reading all pages. */
    List<PackageRecord> allPackages(String gtin, String lot);

    /** {@code batch:History}: versions of the batch record, inspections and packing runs. */
    BatchHistory batchHistory(String gtin, String lot);

    /**
     * {@code standard:Get}: a published grading standard.
     *
     * @param version the version, or {@code null} for the latest
     */
    PublishedStandard standard(String code, String version);

    /** {@code inspection:List}: the batch's inspections, latest first. */
    List<Inspection> inspections(String gtin, String lot);

    /**
     * {@code lot:Get}: the lot inspections of the batch's packages of one nominal mass, latest first; the first one's
     * verdict decides whether the lot may be handed over.
     */
    List<LotInspection> lotInspections(String gtin, String lot, long nominalMassGrams);

    /** {@code packaging:GetPackage}: one package as its label names it. */
    PackageRecord packageRecord(String gtin, String lot, String serial);

    /** {@code labelkey:Get}: a label key by id (32 lowercase hex characters). */
    LabelKey labelKey(String keyId);

    /**
     * {@code labelkey:List}: one page of all label keys, in key-id order.
     *
     * @param pageSize 1..1000, or {@code null} for 100
     * @param bookmark the previous page's bookmark, or {@code null} for the first page
     */
    Page<LabelKey> labelKeys(Long pageSize, String bookmark);

    /** {@code custody:Get}: who holds a package now, or to whom it is on its way. */
    Custody custody(String gtin, String lot, String serial);

    /** {@code receipt:Get}: a receipt with its weighings and OIML R 87 findings. */
    Receipt receipt(String receiptId);

    /** {@code dispute:Get}: a dispute with its review and ruling. */
    Dispute dispute(String disputeId);

    /** {@code recall:Get}: the recall of a batch; {@code BATCH_STATUS_INVALID} when it is not recalled. */
    RecallRecord recall(String gtin, String lot);

    /** {@code scan:GetPolicy}: the clone-detection parameters of the channel. */
    ScanPolicy scanPolicy();

    /**
     * {@code integrity:Get}: the public integrity record of a producer org, or of one producer identity in it.
     *
     * @param producerId an identity id within the org, or {@code null} for the whole org
     */
    IntegrityRecord integrity(String org, String producerId);

    /**
     * {@code integrity:History}: the record as it stood after each day with facts (China Standard Time), oldest first,
     * at most 366 points.
     *
     * @param producerId an identity id within the org, or {@code null} for the whole org
     */
    List<IntegrityPoint> integrityHistory(String org, String producerId);

    /** {@code profile:Get}: who an organization is (names, credit code, county, kind); {@code PROFILE_NOT_FOUND} if unset. */
    org.fairmark.domain.model.OrgProfile profile(String org);

    /** Every organization's profile ({@code profile:List}, all pages), in MSP id order. */
    List<org.fairmark.domain.model.OrgProfile> profiles();

    /**
     * {@code profile:Overview}: an organization's public page in one read: profile (null when unset), integrity record,
     * its latest batches with status, their latest inspections and the rulings on them.
     *
     * @param limit 1..50 recent items of each kind, or {@code null} for 20
     */
    org.fairmark.domain.model.OrgOverview overview(String org, Long limit);

    /** {@code trace:Package}: the full provenance of one package in one call. */
    Trace tracePackage(String gtin, String lot, String serial);

    /** {@code trace:Batch}: the provenance of a batch (no package part). */
    Trace traceBatch(String gtin, String lot);

    /**
     * {@code scan:Record}: records a label verification at a coarse place; the result says whether the serial now
     * looks cloned. A missing request id is generated.
     */
    Scan recordScan(Requests.RecordScan request);

    /**
     * Verifies a label against the ledger: the signature with the registered key, the claim against the package
     * record, then the live status (recall, disputes, custody, clone suspicion). One evaluate call
     * ({@code trace:Label}: the label key and the package's trace) and one signature check. Records nothing.
     *
     * @param labelUri the text of the label's QR code
     */
    OnlineVerification verifyLabel(String labelUri);

    /**
     * Verifies a label as {@link #verifyLabel(String)} and, when the label is genuine, records the scan at
     * {@code place} ({@code scan:Record}) so that the clone check includes it.
     */
    OnlineVerification verifyLabel(String labelUri, ScanPlace place);
}
