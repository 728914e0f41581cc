package org.fairmark.client;

import java.util.Map;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.model.Requests;

/** The contract function of each write request type. */
final class Functions {
    private static final Map<Class<?>, String> WRITES = Map.ofEntries(
            Map.entry(Requests.RegisterBatch.class, "batch:Register"),
            Map.entry(Requests.PublishStandard.class, "standard:Publish"),
            Map.entry(Requests.RecordInspection.class, "inspection:Record"),
            Map.entry(Requests.InspectLot.class, "lot:Inspect"),
            Map.entry(Requests.Pack.class, "packaging:Pack"),
            Map.entry(Requests.RegisterLabelKey.class, "labelkey:Register"),
            Map.entry(Requests.RevokeLabelKey.class, "labelkey:Revoke"),
            Map.entry(Requests.HandOver.class, "custody:HandOver"),
            Map.entry(Requests.Accept.class, "custody:Accept"),
            Map.entry(Requests.RecordReceipt.class, "receipt:Record"),
            Map.entry(Requests.OpenDispute.class, "dispute:Open"),
            Map.entry(Requests.TakeDispute.class, "dispute:Take"),
            Map.entry(Requests.ResolveDispute.class, "dispute:Resolve"),
            Map.entry(Requests.WithdrawDispute.class, "dispute:Withdraw"),
            Map.entry(Requests.Recall.class, "recall:Recall"),
            Map.entry(Requests.RecordScan.class, "scan:Record"),
            Map.entry(Requests.SetScanPolicy.class, "scan:SetPolicy"));

    private Functions() {}

    static String of(Requests.Write request) {
        String function = WRITES.get(request.getClass());
        if (function == null) {
            throw FairmarkException.client(ErrorCode.INVALID_ARGUMENT,
                    request.getClass().getSimpleName() + " is not a write the contract knows");
        }
        return function;
    }

    static boolean isWrite(String function) {
        return WRITES.containsValue(function);
    }
}
