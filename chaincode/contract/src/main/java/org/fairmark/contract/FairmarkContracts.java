package org.fairmark.contract;

import java.util.List;
import org.hyperledger.fabric.contract.ContractInterface;

/**
 * Every {@code @Contract} class of the Fairmark chaincode, named here so that a reader that runs the contract in
 * its own process (the command line's read path) needs no classpath scan to find them. A test keeps this list equal
 * to what the shim's scan of {@code org.fairmark} finds.
 */
public final class FairmarkContracts {
    private static final List<Class<? extends ContractInterface>> CLASSES = List.of(
            BatchContract.class,
            CustodyContract.class,
            DisputeContract.class,
            InspectionContract.class,
            IntegrityContract.class,
            LabelKeyContract.class,
            LotInspectionContract.class,
            PackagingContract.class,
            ProfileContract.class,
            RecallContract.class,
            ReceiptContract.class,
            ScanContract.class,
            StandardContract.class,
            TraceContract.class);

    private FairmarkContracts() {}

    /** The contract classes, the {@code @Default} one ({@link BatchContract}) first. */
    public static List<Class<? extends ContractInterface>> classes() {
        return CLASSES;
    }
}
