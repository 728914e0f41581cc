package org.fairmark.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fairmark.domain.ErrorCode;
import org.fairmark.network.EmbeddedNetwork;
import org.fairmark.network.ledger.VerifyReport;
import picocli.CommandLine.Command;
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
            + " show as truncated)."})
    static final class Verify extends FairmarkCommand {
        @Parameters(arity = "0..1", paramLabel = "DIR", description = "Data directory (default: the --data-dir).")
        Path directory;

        @Override
        int execute() {
            Path dataDir = directory != null ? root().context.workingDirectory().resolve(directory) : root().dataDirectory();
            if (!Files.isDirectory(dataDir.resolve("ledger"))) {
                throw new CliException(ErrorCode.DATA_DIR_INVALID, dataDir + " holds no ledger");
            }
            VerifyReport report;
            try {
                report = EmbeddedNetwork.verifyLedger(dataDir);
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
            NetworkCommand.lastRecovery(dataDir).ifPresent(line -> json.put("lastRecovery", line));
            out().json(json);
            if (report.ok()) {
                out().say("ledger.ok", report.blocksChecked(), dataDir);
                return 0;
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
