package org.fairmark.cli.web;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.fairmark.client.FairmarkClient;
import org.fairmark.client.FairmarkException;
import org.fairmark.client.LabelVerifier;
import org.fairmark.client.TrustBundle;
import org.fairmark.domain.CanonicalJson;
import org.fairmark.domain.CountyCode;
import org.fairmark.domain.DomainException;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.IdentityName;
import org.fairmark.domain.Limits;
import org.fairmark.presentation.ErrorPresentation;

/**
 * The HTTP face of a Fairmark ledger, on the JDK's {@code com.sun.net.httpserver}: a JSON API for reads, label
 * verification and (with a bearer token) the contract's writes, documented at {@code /openapi.json}; the verify page
 * a phone opens at a label's GS1 Digital Link path; and a small dashboard at {@code /dashboard}.
 *
 * <pre>{@code
 * try (WebServer server = WebServer.builder()
 *         .port(8080)
 *         .clients(name -> base.withIdentity(FairmarkIdentity.fromWallet(wallet, name)))
 *         .readerIdentity("auditor@bureau")
 *         .tokenStore(TokenStore.inDataDir(dataDir))
 *         .labelResolver("https://id.fairmark.cn")
 *         .build()
 *         .start()) {
 *     System.out.println("serving " + server.uri());
 *     server.awaitClose();
 * }
 * }</pre>
 *
 * <p>Public routes read as the reader identity; write routes act as the identity the request's bearer token is
 * bound to, so the contract's access control decides (a role that may not write answers 403). Errors are JSON
 * {@code {"error":{"code":"…","message":"…"}}} with the status of the {@link ErrorCode}, never a stack trace.
 * Instances are thread-safe.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger LOGGER = Logger.getLogger(WebServer.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern RESOLVER = Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~-]+)*");
    private static final Pattern IDENTITY = Pattern.compile(IdentityName.SYNTAX);
    /**
     * Threads that read request headers beyond the handler threads. The JDK server reads a request's headers on an
     * executor thread, so a few dozen connections sending their headers slowly (slowloris) would otherwise hold every
     * thread and stop the verify page; handlers still run at most {@code threads} at a time (a semaphore).
     */
    static final int HEADER_THREADS = 128;
    /** How long a request may take to arrive, headers and body, before the server closes its connection. */
    static final String MAX_REQUEST_SECONDS = "30";
    /**
     * How long a request waits for a handler thread before it is answered 503: less than the request time limit, which
     * would otherwise close a waiting POST whose body is not read yet (the JDK server counts a request as arrived only
     * once its body is read).
     */
    private static final long HANDLER_WAIT_SECONDS = 20;

    static {
        // read once by the JDK server's configuration when the first server starts; an operator's -D wins
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", MAX_REQUEST_SECONDS);
        }
    }

    private final String bindAddress;
    private final int requestedPort;
    private final ClientFactory factory;
    private final String readerIdentity;
    private final TokenStore tokens;
    private final int threads;
    private final int maxRequestBytes;
    private final List<Route> routes;
    private final java.util.concurrent.Semaphore handlers;
    private final Map<String, FairmarkClient> clients = new ConcurrentHashMap<>();
    private final Object lifecycle = new Object();
    private HttpServer server;
    private ExecutorService executor;
    private boolean closed;

    /** The error body: {@code {"error":{"code":"ROLE_NOT_ALLOWED","message":"…"}}}. */
    record ErrorBody(ErrorDetail error) {}

    /** The code and message of an error. */
    record ErrorDetail(String code, String message) {}

    private WebServer(Builder builder) {
        this.bindAddress = builder.bindAddress;
        this.requestedPort = builder.port;
        this.factory = builder.clients;
        this.readerIdentity = builder.readerIdentity;
        this.tokens = builder.tokens;
        this.threads = builder.threads;
        this.maxRequestBytes = builder.maxRequestBytes;
        this.handlers = new java.util.concurrent.Semaphore(builder.threads, true);
        LabelVerifier verifier = builder.trustBundle == null ? null : LabelVerifier.builder(builder.trustBundle).build();
        ScanGate gate = new ScanGate(builder.recordScans, ScanGate.DEFAULT_WINDOW, ScanGate.DEFAULT_CAPACITY, Clock.systemUTC());
        List<Route> all = new ArrayList<>(new Api(verifier).routes());
        all.addAll(new PageRoutes(builder.labelResolver, this::port, gate, builder.scanCounty, Clock.systemUTC()).routes());
        this.routes = List.copyOf(all);
    }

    /** A builder; {@link Builder#clients} and {@link Builder#readerIdentity} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts listening. Returns this server, so {@code builder()...build().start()} reads as one statement.
     *
     * @throws UncheckedIOException when the address cannot be bound (e.g. the port is taken)
     * @throws IllegalStateException when started twice or after {@link #close()}
     */
    public WebServer start() {
        synchronized (lifecycle) {
            if (server != null || closed) {
                throw new IllegalStateException(closed ? "the server is closed" : "the server is already started");
            }
            HttpServer http;
            try {
                http = HttpServer.create(new InetSocketAddress(bindAddress, requestedPort), 64);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on " + bindAddress + ":" + requestedPort + ": " + e.getMessage(), e);
            }
            executor = Executors.newFixedThreadPool(threads + HEADER_THREADS, daemonThreads());
            http.setExecutor(executor);
            http.createContext("/", this::handle);
            http.start();
            server = http;
            LOGGER.info(() -> "Fairmark web server listening on " + uri());
            return this;
        }
    }

    /** The port listened on: the one asked for, or the one the system chose for port 0. */
    public int port() {
        synchronized (lifecycle) {
            if (server == null) {
                throw new IllegalStateException("the server is not started");
            }
            return server.getAddress().getPort();
        }
    }

    /** {@code http://host:port}, the base of every route. */
    public String uri() {
        String host = bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
        if (host.equals("0.0.0.0") || host.equals("[::]")) {
            host = "localhost";
        }
        return "http://" + host + ":" + port();
    }

    /** Blocks until {@link #close()} is called from another thread (e.g. a shutdown hook). */
    public void awaitClose() throws InterruptedException {
        synchronized (lifecycle) {
            while (!closed) {
                lifecycle.wait();
            }
        }
    }

    /** Stops listening, lets running requests end, and closes every client the server opened. Idempotent. */
    @Override
    public void close() {
        HttpServer http;
        ExecutorService threads;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            http = server;
            threads = executor;
            lifecycle.notifyAll();
        }
        if (http != null) {
            http.stop(0);
        }
        if (threads != null) {
            threads.shutdown();
            try {
                if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
                    threads.shutdownNow();
                }
            } catch (InterruptedException e) {
                threads.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        for (FairmarkClient client : clients.values()) {
            try {
                client.close();
            } catch (RuntimeException e) {
                LOGGER.log(Level.FINE, "closing a client failed", e);
            }
        }
        clients.clear();
    }

    /** The route table, for the documentation test. */
    List<Route> routes() {
        return routes;
    }

    private FairmarkClient client(String identity) {
        FairmarkClient client = clients.computeIfAbsent(identity, factory::open);
        if (client == null) {
            throw new IllegalStateException("the client factory returned null for " + identity);
        }
        return client;
    }

    /**
     * The client of a token's identity. An identity that cannot be opened (removed from the wallet, unreadable) is the
     * caller's problem, 401; the reason stays in the log because it names files of the server.
     */
    private FairmarkClient tokenClient(String identity) {
        try {
            return client(identity);
        } catch (FairmarkException e) {
            if (e.code() == ErrorCode.IDENTITY_INVALID || e.stage() == FairmarkException.Stage.CONNECT
                    || e.stage() == FairmarkException.Stage.CLIENT) {
                LOGGER.log(Level.WARNING, "cannot open identity " + identity + " of a bearer token: " + e.getMessage());
                throw new ApiException(401, ErrorCode.IDENTITY_INVALID, "the identity of this token cannot be opened",
                        Map.of("WWW-Authenticate", "Bearer realm=\"fairmark\", error=\"invalid_token\""));
            }
            throw e;
        }
    }

    // ---- one exchange ---------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) {
        Response response;
        Call call = null;
        boolean html = false;
        boolean acquired = false;
        try {
            call = new Call(exchange, maxRequestBytes);
            Route route = route(call);
            html = route.html();
            acquired = handlers.tryAcquire(HANDLER_WAIT_SECONDS, TimeUnit.SECONDS);
            if (!acquired) {
                throw new ApiException(503, ErrorCode.INTERNAL_ERROR, "the server is busy; try again later",
                        Map.of("Retry-After", "10"));
            }
            Caller caller = caller(route, call);
            response = route.handler().handle(call, caller);
        } catch (Throwable failure) {
            if (failure instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            response = failure(failure, html, call);
            if (failure instanceof VirtualMachineError fatal) {
                send(exchange, call, response);
                throw fatal;
            }
        } finally {
            if (acquired) {
                handlers.release();
            }
        }
        send(exchange, call, response);
    }

    private Route route(Call call) {
        String method = call.isHead() ? "GET" : call.method();
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Map<String, String> parameters = route.match(call.segments());
            if (parameters == null) {
                continue;
            }
            if (route.method().equals(method)) {
                call.pathParameters(parameters);
                return route;
            }
            allowed.add(route.method());
        }
        if (allowed.isEmpty()) {
            throw new ApiException(404, ErrorCode.UNKNOWN_TRANSACTION, "no route " + Call.shorten(call.rawPath()));
        }
        if (allowed.contains("GET")) {
            allowed.add("HEAD");
        }
        throw new ApiException(405, ErrorCode.UNKNOWN_TRANSACTION, "method " + Call.shorten(call.method()) + " is not allowed here",
                Map.of("Allow", String.join(", ", allowed)));
    }

    private Caller caller(Route route, Call call) {
        if (route.access() == Route.Access.PUBLIC) {
            return new Caller(readerIdentity, null, this::client);
        }
        String authorization = call.header("Authorization");
        if (authorization == null || authorization.isBlank()) {
            throw new ApiException(401, ErrorCode.IDENTITY_INVALID, "this route needs an Authorization: Bearer token",
                    Map.of("WWW-Authenticate", "Bearer realm=\"fairmark\""));
        }
        String[] parts = authorization.strip().split("\\s+", 2);
        Optional<TokenStore.Token> token = parts.length == 2 && parts[0].equalsIgnoreCase("Bearer") && tokens != null
                ? tokens.authenticate(parts[1].strip())
                : Optional.empty();
        if (token.isEmpty()) {
            throw new ApiException(401, ErrorCode.IDENTITY_INVALID, "the bearer token is not valid",
                    Map.of("WWW-Authenticate", "Bearer realm=\"fairmark\", error=\"invalid_token\""));
        }
        return new Caller(token.get().identity(), token.get().id(), this::tokenClient);
    }

    /** Maps any failure to an answer: the code's status and message, or a reference for what the log holds. */
    private Response failure(Throwable failure, boolean html, Call call) {
        int status;
        ErrorCode code;
        String message;
        Map<String, String> headers = Map.of();
        if (failure instanceof ApiException api) {
            status = api.status();
            code = api.code();
            message = api.getMessage();
            headers = api.headers();
        } else if (failure instanceof FairmarkException fairmark && fairmark.isUnavailable()) {
            status = 503;
            code = ErrorCode.INTERNAL_ERROR;
            message = "the ledger cannot be reached right now; try again later";
            headers = Map.of("Retry-After", "10");
            LOGGER.log(Level.WARNING, "the ledger is unavailable: " + fairmark.getMessage());
        } else if (failure instanceof FairmarkException fairmark && fairmark.code() != ErrorCode.INTERNAL_ERROR) {
            status = ErrorPresentation.httpStatus(fairmark.code());
            code = fairmark.code();
            message = clean(fairmark.detail());
        } else if (failure instanceof DomainException domain && domain.code() != ErrorCode.INTERNAL_ERROR) {
            status = ErrorPresentation.httpStatus(domain.code());
            code = domain.code();
            message = clean(domain.detail());
        } else {
            String reference = reference();
            LOGGER.log(Level.SEVERE, "request " + (call == null ? "?" : call.method() + " " + Call.shorten(call.rawPath()))
                    + " failed (reference " + reference + ")", failure);
            status = 500;
            code = ErrorCode.INTERNAL_ERROR;
            message = "an unexpected error; please report it with reference " + reference;
        }
        Response response;
        if (html) {
            Lang lang = call == null ? Lang.ZH : PageRoutes.lang(call);
            String toggle = call == null ? "?lang=en" : Html.withLang(call.queryParameters(), lang.other());
            response = Response.html(status, Pages.error(lang, message, toggle));
        } else {
            response = new Response(status, Response.JSON, CanonicalJson.toBytes(new ErrorBody(new ErrorDetail(code.name(), message))),
                    Map.of());
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            response = response.withHeader(header.getKey(), header.getValue());
        }
        return response;
    }

    /** A short random reference that ties an error answer to its log entry. */
    static String reference() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** A contract message as an answer: one line, printable, bounded. */
    private static String clean(String message) {
        String line = message == null ? "" : message.lines().findFirst().orElse("");
        StringBuilder out = new StringBuilder(Math.min(line.length(), 300));
        for (int i = 0; i < line.length() && out.length() < 300; i++) {
            char c = line.charAt(i);
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
        return out.toString();
    }

    private static void send(HttpExchange exchange, Call call, Response response) {
        try (exchange) {
            Headers headers = exchange.getResponseHeaders();
            headers.set("Content-Type", response.contentType());
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("Cache-Control", "no-store");
            if (response.contentType().startsWith("text/html")) {
                headers.set("Content-Security-Policy", Pages.CONTENT_SECURITY_POLICY);
                headers.set("X-Frame-Options", "DENY");
                headers.set("X-Robots-Tag", "noindex");
            }
            for (Map.Entry<String, String> header : response.headers().entrySet()) {
                headers.set(header.getKey(), header.getValue());
            }
            if (call != null && call.closeConnection()) {
                headers.set("Connection", "close");
            }
            boolean head = exchange.getRequestMethod().toUpperCase(Locale.ROOT).equals("HEAD");
            byte[] body = response.body();
            if (head || body.length == 0) {
                exchange.sendResponseHeaders(response.status(), -1);
            } else {
                exchange.sendResponseHeaders(response.status(), body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.FINE, "cannot send the response", e);
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "fairmark-web-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public String toString() {
        return "WebServer[" + bindAddress + ":" + requestedPort + ", reader " + readerIdentity + "]";
    }

    /** Settings of a {@link WebServer}. */
    public static final class Builder {
        private String bindAddress = "127.0.0.1";
        private int port = 8080;
        private ClientFactory clients;
        private String readerIdentity;
        private TokenStore tokens;
        private String labelResolver;
        private TrustBundle trustBundle;
        private boolean recordScans = true;
        private String scanCounty;
        private int threads = 8;
        private int maxRequestBytes = Limits.MAX_REQUEST_BYTES;

        private Builder() {}

        /** The port, 0 for one the system chooses (see {@link WebServer#port()}); default 8080. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The address to listen on; default {@code 127.0.0.1} (this machine only). Use {@code 0.0.0.0} for phones on
         * the local network, or put the server behind a TLS reverse proxy.
         */
        public Builder bindAddress(String bindAddress) {
            this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress == null");
            return this;
        }

        /** Opens clients by wallet identity name; required. */
        public Builder clients(ClientFactory clients) {
            this.clients = Objects.requireNonNull(clients, "clients == null");
            return this;
        }

        /**
         * The wallet identity public reads, verifications and the verify page's scans use, e.g. {@code auditor@bureau};
         * required. Any identity may read and record scans; a read-only one (an auditor) fits best.
         */
        public Builder readerIdentity(String readerIdentity) {
            Objects.requireNonNull(readerIdentity, "readerIdentity == null");
            if (!IDENTITY.matcher(readerIdentity).matches()) {
                throw new IllegalArgumentException("readerIdentity must match " + IDENTITY.pattern());
            }
            this.readerIdentity = readerIdentity;
            return this;
        }

        /** The bearer tokens of the write routes; without a store every write answers 401. */
        public Builder tokenStore(TokenStore tokens) {
            this.tokens = Objects.requireNonNull(tokens, "tokens == null");
            return this;
        }

        /**
         * The resolver base the labels carry, e.g. {@code https://id.fairmark.cn}; the verify page rebuilds the label
         * URI from it and the request's path and query. The resolver is not signed, so any base verifies the same;
         * default {@code http://localhost:<port>}. A base with a path ({@code https://host/fm}) needs a reverse proxy
         * that strips the path, because the server serves the Digital Link paths at its root.
         */
        public Builder labelResolver(String labelResolver) {
            Objects.requireNonNull(labelResolver, "labelResolver == null");
            if (!RESOLVER.matcher(labelResolver).matches()) {
                throw new IllegalArgumentException("labelResolver must look like https://host[:port][/path] without a trailing slash");
            }
            this.labelResolver = labelResolver;
            return this;
        }

        /** The trust bundle of {@code mode=offline} verification; without one, offline verification answers 422. */
        public Builder trustBundle(TrustBundle trustBundle) {
            this.trustBundle = Objects.requireNonNull(trustBundle, "trustBundle == null");
            return this;
        }

        /** Whether the verify page records scans as documented in {@code docs/en/web.md}; default true. */
        public Builder recordScans(boolean recordScans) {
            this.recordScans = recordScans;
            return this;
        }

        /**
         * The GB/T 2260 county recorded with the verify page's scans, e.g. of a market's kiosk; default none. The page
         * never asks a phone where it is.
         *
         * @throws DomainException {@link ErrorCode#INVALID_COUNTY_CODE} for a malformed code
         */
        public Builder scanCounty(String countyCode) {
            this.scanCounty = CountyCode.requireValid(Objects.requireNonNull(countyCode, "countyCode == null"));
            return this;
        }

        /** Request threads, 1..64; default 8. */
        public Builder threads(int threads) {
            if (threads < 1 || threads > 64) {
                throw new IllegalArgumentException("threads must be 1..64, got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** The largest request body, 1 KiB..256 KiB (the contract's own limit); default 256 KiB. Larger bodies answer 413. */
        public Builder maxRequestBytes(int maxRequestBytes) {
            if (maxRequestBytes < 1024 || maxRequestBytes > Limits.MAX_REQUEST_BYTES) {
                throw new IllegalArgumentException("maxRequestBytes must be 1024.." + Limits.MAX_REQUEST_BYTES);
            }
            this.maxRequestBytes = maxRequestBytes;
            return this;
        }

        /**
         * The server, not yet listening; call {@link WebServer#start()}.
         *
         * @throws IllegalStateException when the client factory or the reader identity is missing
         */
        public WebServer build() {
            if (clients == null) {
                throw new IllegalStateException("clients(ClientFactory) is required");
            }
            if (readerIdentity == null) {
                throw new IllegalStateException("readerIdentity is required");
            }
            return new WebServer(this);
        }
    }
}
