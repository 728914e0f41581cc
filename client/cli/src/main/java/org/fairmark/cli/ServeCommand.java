package org.fairmark.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.fairmark.cli.web.WebServer;
import org.fairmark.domain.DomainException;
import org.fairmark.domain.ErrorCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fairmark serve}: the HTTP API, the phone verify page and the dashboard over the same ledger connection. */
@Command(name = "serve", description = {
    "Serve the web API, the phone verify page and the dashboard. 启动 Web 服务。",
    "%nThe JSON API is described at /openapi.json, the verify page answers the labels' GS1 Digital Link paths"
        + " /01/{gtin}/10/{lot}/21/{serial}, the dashboard is at /dashboard. Writes need a bearer token from"
        + " 'fairmark token create'. Runs until interrupted.",
    "%nExample:",
    "  fairmark serve --port 8080 --bind 0.0.0.0 --resolver http://192.168.1.10:8080"})
final class ServeCommand extends FairmarkCommand {
    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "HTTP port, 0 for any (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 for phones on the local network).")
    String bind;

    @Option(names = "--reader", paramLabel = "NAME", description = "Wallet identity of public reads and scans (default"
            + " --as, else the auditor).")
    String reader;

    @Option(names = "--resolver", paramLabel = "URL", description = "The resolver base the labels carry (default"
            + " $FAIRMARK_RESOLVER, else http://localhost:PORT).")
    String resolver;

    @Option(names = "--trust", paramLabel = "FILE", description = "Trust bundle for offline verification requests.")
    Path trust;

    @Option(names = "--trust-ca", paramLabel = "PEM", split = ",",
            description = "CA certificates trusted to issue the bundle's signer (default: the data directory's org CAs).")
    List<Path> trustCa;

    @Option(names = "--no-record-scans", description = "Do not record the verify page's scans.")
    boolean noRecordScans;

    @Option(names = "--scan-county", paramLabel = "CODE", description = "County recorded with the verify page's scans.")
    String scanCounty;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "8", description = "Request threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Override
    int execute() {
        Session session = session();
        for (SecretFiles.Exposed exposed : SecretFiles.exposed(root().dataDirectory())) {
            out().err().println(exposed.warning());
        }
        String readerName = reader != null ? reader : root().as != null ? root().as : session.defaultName(null);
        session.client(readerName);
        WebServer.Builder builder;
        try {
            builder = WebServer.builder()
                    .port(port)
                    .bindAddress(bind)
                    .clients(session::newClient)
                    .readerIdentity(readerName)
                    .tokenStore(TokenCommand.store(root()))
                    .recordScans(!noRecordScans)
                    .threads(threads);
            String base = resolver != null ? resolver : root().context.environment().get("FAIRMARK_RESOLVER");
            if (base != null && !base.isBlank()) {
                builder.labelResolver(base);
            }
            if (scanCounty != null) {
                builder.scanCounty(scanCounty);
            }
            if (trust != null) {
                builder.trustBundle(TrustFiles.read(root(), trust, trustCa));
            }
        } catch (IllegalArgumentException e) {
            throw new CliException(ErrorCode.INVALID_ARGUMENT, e.getMessage(), e);
        } catch (DomainException e) {
            throw new CliException(e.code(), e.detail(), e);
        }
        WebServer server;
        try {
            server = builder.build().start();
        } catch (UncheckedIOException e) {
            throw new CliException(ErrorCode.INVALID_ARGUMENT, e.getMessage(), e);
        }
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.close();
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "fairmark-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (server) {
            ObjectNode json = CliJson.object();
            json.put("uri", server.uri());
            json.put("port", server.port());
            json.put("reader", readerName);
            out().json(json);
            out().say("serve.listening", server.uri(), readerName);
            out().out().flush();
            root().context.serverStarted(server);
            server.awaitClose();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook is running
            }
        }
        return 0;
    }
}
