package org.fairmark.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fairmark.domain.ErrorCode;
import org.fairmark.network.EmbeddedNetwork;
import org.fairmark.network.ledger.SnapshotReport;
import org.fairmark.network.ledger.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fairmark ledger verify}: recomputes every checksum and hash of a development ledger. */
@Command(name = "ledger", description = "Check a development network's ledger files. 账本文件校验。",
        subcommands = LedgerCommand.Verify.class)
final class LedgerCommand extends GroupCommand {

    @Command(name = "verify", description = {
        "Check every block's checksum and hash chain. 校验每个区块。",
        "%nExit 1 at the first bad block, naming it with its file and offset: a damaged frame anywhere is"
            + " corruption, which 'network start' refuses; only a last frame shorter than its header says (an"
            + " unfinished append) is cut by the next start. Safe on a running network (the block being appended may"
            + " show as truncated).",
        "%nAlso checks each state snapshot (checksum, and that it belongs to the chain: the hash of the block at its"
            + " height); --snapshot also replays the chain and compares the state. A bad snapshot exits 1 too; a start"
            + " ignores it and replays the blocks."})
    static final class Verify extends FairmarkCommand {
        @Parameters(arity = "0..1", paramLabel = "DIR", description = "Data directory (default: the --data-dir).")
        Path directory;

        @Option(names = "--snapshot", description = "Also replay the chain and compare its state with each state"
                + " snapshot. 重放区块并与状态快照比对。")
        boolean replaySnapshots;

        @Override
        int execute() {
            Path dataDir = directory != null ? root().context.workingDirectory().resolve(directory) : root().dataDirectory();
            if (!Files.isDirectory(dataDir.resolve("ledger"))) {
                throw new CliException(ErrorCode.DATA_DIR_INVALID, dataDir + " holds no ledger");
            }
            VerifyReport report;
            List<SnapshotReport> snapshots;
            try {
                report = EmbeddedNetwork.verifyLedger(dataDir);
                snapshots = report.ok() ? EmbeddedNetwork.verifySnapshots(dataDir, replaySnapshots) : List.of();
            } catch (IOException e) {
                throw new CliException(ErrorCode.DATA_DIR_INACCESSIBLE, "cannot read the ledger in " + dataDir + ": "
                        + e, e);
            }
            ObjectNode json = CliJson.object();
            json.put("dataDir", dataDir.toString());
            json.put("ok", report.ok());
            json.put("blocksChecked", report.blocksChecked());
            if (!report.ok()) {
                json.put("firstBadBlock", report.firstBadBlock());
                json.put("problem", report.problem());
                json.put("tornTail", report.tornTail());
            }
            ArrayNode snapshotsJson = json.putArray("snapshots");
            boolean snapshotsOk = true;
            for (SnapshotReport snapshot : snapshots) {
                ObjectNode entry = snapshotsJson.addObject();
                entry.put("file", snapshot.file());
                entry.put("height", snapshot.height());
                entry.put("ok", snapshot.ok());
                entry.put("replayed", snapshot.replayed());
                if (!snapshot.ok()) {
                    entry.put("problem", snapshot.problem());
                    snapshotsOk = false;
                }
            }
            if (!snapshotsOk) {
                json.put("ok", false);
            }
            NetworkCommand.lastRecovery(dataDir).ifPresent(line -> json.put("lastRecovery", line));
            out().json(json);
            if (report.ok()) {
                out().say("ledger.ok", report.blocksChecked(), dataDir);
                for (SnapshotReport snapshot : snapshots) {
                    if (snapshot.ok()) {
                        out().say(snapshot.replayed() ? "snapshot.replayed" : "snapshot.ok", snapshot.file(),
                                snapshot.height());
                    } else {
                        out().say("snapshot.bad", snapshot.file(), snapshot.height(), snapshot.problem());
                        out().note(snapshot.summary());
                    }
                }
                return snapshotsOk ? 0 : Fairmark.EXIT_NEGATIVE;
            }
            out().say("ledger.bad", report.firstBadBlock(), report.problem(), report.blocksChecked());
            if (report.tornTail()) {
                out().say("ledger.torn");
            }
            out().note(report.summary());
            return Fairmark.EXIT_NEGATIVE;
        }
    }
}
