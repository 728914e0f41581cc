package org.fairmark.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.fairmark.client.EventStream;
import org.fairmark.client.FairmarkClient;
import org.fairmark.client.LedgerEvent;
import org.fairmark.domain.CanonicalJson;
import org.fairmark.domain.DomainException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fairmark events}: follows the contract's chaincode events. */
@Command(name = "events", description = {
    "Follow the chaincode events in commit order. 跟踪链码事件。",
    "%nOne line per event (--json: one JSON object per line). With --checkpoint FILE a later run resumes right"
        + " after the last event printed. Runs until interrupted, --limit or --idle-timeout.",
    "%nExamples:",
    "  fairmark events --from-block 0 --idle-timeout 2",
    "  fairmark events --checkpoint events.checkpoint"})
final class EventsCommand extends FairmarkCommand {
    @Option(names = "--from-block", paramLabel = "N", description = "Start at this block (0 replays the ledger); default the next block.")
    Long fromBlock;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "Resume from and record the position in FILE.")
    Path checkpoint;

    @Option(names = "--limit", paramLabel = "N", description = "Stop after N events.")
    Long limit;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", description = "Stop when no event arrives for this long.")
    Long idleSeconds;

    @Option(names = "--name", paramLabel = "EVENT", description = "Only events of this name, e.g. BatchRecalled.")
    String name;

    @Override
    int execute() {
        if (fromBlock != null && fromBlock < 0) {
            throw new UsageException("--from-block must not be negative");
        }
        if (limit != null && limit < 1 || idleSeconds != null && idleSeconds < 1) {
            throw new UsageException("--limit and --idle-timeout must be positive");
        }
        FairmarkClient client = client(null);
        EventStream.Builder builder = client.eventStream();
        if (fromBlock != null) {
            builder.startBlock(fromBlock);
        }
        if (checkpoint != null) {
            builder.checkpointFile(root().context.workingDirectory().resolve(checkpoint));
        }
        long printed = 0;
        try (EventStream events = builder.open()) {
            while (limit == null || printed < limit) {
                LedgerEvent event;
                if (idleSeconds != null) {
                    Optional<LedgerEvent> next = events.poll(Duration.ofSeconds(idleSeconds));
                    if (next.isEmpty()) {
                        break;
                    }
                    event = next.get();
                } else {
                    event = events.take();
                }
                LedgerEvent.EventInfo info = event.info();
                if (name == null || name.equals(info.name())) {
                    print(info);
                    printed++;
                }
                events.checkpoint(event);
            }
        }
        out().note(out().text("events.done", printed));
        return 0;
    }

    private void print(LedgerEvent.EventInfo info) {
        Output out = out();
        if (out.json()) {
            ObjectNode json = CliJson.object();
            json.put("name", info.name());
            json.put("blockNumber", info.blockNumber());
            json.put("transactionId", info.transactionId());
            if (info.requestId() != null) {
                json.put("requestId", info.requestId());
            }
            if (info.timestamp() != null) {
                json.put("timestamp", info.timestamp());
            }
            if (info.payload() != null) {
                try {
                    json.set("payload", CanonicalJson.tree(info.payload().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                } catch (DomainException e) {
                    json.put("payload", info.payload());
                }
            }
            out.out().println(CliJson.write(json));
            out.out().flush();
        } else {
            out.line(String.format("#%-5d %-20s %s  %s", info.blockNumber(), info.name(),
                    info.timestamp() == null ? "" : info.timestamp(), info.payload() == null ? "" : info.payload()));
            out.out().flush();
        }
    }
}
