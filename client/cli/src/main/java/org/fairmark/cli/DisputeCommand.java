package org.fairmark.cli;

import java.util.List;
import org.fairmark.domain.Role;
import org.fairmark.domain.model.Dispute;
import org.fairmark.domain.model.DisputeOutcome;
import org.fairmark.domain.model.DisputeType;
import org.fairmark.domain.model.Remedy;
import org.fairmark.domain.model.Requests;
import org.fairmark.domain.model.RulingOrder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fairmark dispute open|take|resolve|withdraw|get}. */
@Command(name = "dispute", description = "Disputes: a buyer's claim, reviewed and ruled by a neutral inspector. 争议。",
        subcommands = {DisputeCommand.Open.class, DisputeCommand.Take.class, DisputeCommand.Resolve.class,
            DisputeCommand.Withdraw.class, DisputeCommand.Get.class})
final class DisputeCommand extends GroupCommand {

    @Command(name = "open", description = {
        "Open a dispute against packages or a whole batch (buyer). 提出争议。",
        "%nA SHORT_WEIGHT claim names the receipt whose weighing supports it.",
        "%nExample:",
        "  fairmark dispute open 06901234567892 QX-2024-001 --type SHORT_WEIGHT \\",
        "      --serial P0006 --receipt RECEIPT_ID --description \"478 g in a 500 g bag\""})
    static final class Open extends FairmarkCommand {
        @Mixin
        BatchKeyMixin key;

        @Option(names = "--type", required = true, paramLabel = "TYPE",
                description = "INFERIOR_QUALITY, SHORT_WEIGHT, COUNTERFEIT_LABEL or OTHER.")
        DisputeType type;

        @Option(names = "--serial", paramLabel = "SERIAL", split = ",", description = "Disputed packages (default: the batch).")
        List<String> serials;

        @Option(names = "--receipt", paramLabel = "ID", description = "The receipt supporting a SHORT_WEIGHT claim.")
        String receiptId;

        @Option(names = "--description", required = true, paramLabel = "TEXT")
        String description;

        @Option(names = "--evidence-hash", paramLabel = "SHA256", split = ",")
        List<String> evidenceHashes;

        @Mixin
        WriteOptions write;

        @Override
        int execute() {
            Dispute dispute = client(Role.BUYER).buyer().openDispute(new Requests.OpenDispute(write.requestId, type, key.gtin,
                    key.lot, serials == null ? List.of() : serials, receiptId, description,
                    evidenceHashes == null ? List.of() : evidenceHashes));
            out().json(dispute);
            Views.dispute(out(), dispute);
            return 0;
        }
    }

    @Command(name = "take", description = "Take an open dispute for review (inspector of neither party). 受理争议。")
    static final class Take extends FairmarkCommand {
        @Parameters(paramLabel = "DISPUTE_ID")
        String disputeId;

        @Mixin
        WriteOptions write;

        @Override
        int execute() {
            Dispute dispute = client(Role.INSPECTOR).inspector().takeDispute(new Requests.TakeDispute(write.requestId, disputeId));
            out().json(dispute);
            Views.dispute(out(), dispute);
            return 0;
        }
    }

    @Command(name = "resolve", description = {
        "Rule on a dispute under review (the reviewing inspector); final. 裁定争议。",
        "%nExample:",
        "  fairmark dispute resolve D-... --outcome UPHELD --remedy PARTIAL_REFUND \\",
        "      --amount-fen 1200 --reasons \"T1 short weight on the receipt\""})
    static final class Resolve extends FairmarkCommand {
        @Parameters(paramLabel = "DISPUTE_ID")
        String disputeId;

        @Option(names = "--outcome", required = true, paramLabel = "OUTCOME", description = "UPHELD, REJECTED or SETTLED.")
        DisputeOutcome outcome;

        @Option(names = "--remedy", required = true, paramLabel = "REMEDY",
                description = "REFUND, REPLACE, PARTIAL_REFUND (with --amount-fen) or NONE.")
        Remedy remedy;

        @Option(names = "--amount-fen", paramLabel = "FEN", description = "Refund in fen (1/100 yuan).")
        Long amountFen;

        @Option(names = "--reasons", required = true, paramLabel = "TEXT")
        String reasons;

        @Option(names = "--order", paramLabel = "ORDER", description = "For upheld INFERIOR_QUALITY: NONE, REINSPECTION or DOWNGRADE.")
        RulingOrder order;

        @Option(names = "--downgrade-to", paramLabel = "GRADE")
        String downgradeTo;

        @Mixin
        WriteOptions write;

        @Override
        int execute() {
            Dispute dispute = client(Role.INSPECTOR).inspector().resolveDispute(new Requests.ResolveDispute(write.requestId,
                    disputeId, outcome, remedy, amountFen, reasons, order, downgradeTo));
            out().json(dispute);
            Views.dispute(out(), dispute);
            return 0;
        }
    }

    @Command(name = "withdraw", description = "Withdraw your organization's open dispute (buyer). 撤回争议。")
    static final class Withdraw extends FairmarkCommand {
        @Parameters(paramLabel = "DISPUTE_ID")
        String disputeId;

        @Option(names = "--reason", required = true, paramLabel = "TEXT")
        String reason;

        @Mixin
        WriteOptions write;

        @Override
        int execute() {
            Dispute dispute = client(Role.BUYER).buyer()
                    .withdrawDispute(new Requests.WithdrawDispute(write.requestId, disputeId, reason));
            out().json(dispute);
            Views.dispute(out(), dispute);
            return 0;
        }
    }

    @Command(name = "get", description = "A dispute with its review and ruling. 查询争议。")
    static final class Get extends FairmarkCommand {
        @Parameters(paramLabel = "DISPUTE_ID")
        String disputeId;

        @Override
        int execute() {
            Dispute dispute = readClient(null).participant().dispute(disputeId);
            out().json(dispute);
            Views.dispute(out(), dispute);
            return 0;
        }
    }
}
