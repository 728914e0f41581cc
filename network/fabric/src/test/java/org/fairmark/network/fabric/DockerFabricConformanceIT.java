package org.fairmark.network.fabric;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairmark.devca.Identity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.yaml.snakeyaml.Yaml;

/**
 * The conformance suite against Fabric 2.5 in Docker: the services of {@code network/fabric/docker-compose.yaml}
 * (official {@code hyperledger/fabric-orderer:2.5}, {@code fabric-peer:2.5}, {@code fabric-tools:2.5} images, host
 * networking, the state directory bind-mounted) started through Testcontainers, in the order the compose file's
 * header gives: {@code up.sh --prepare-only} here, orderer and peers, {@code up.sh --channel-only} in the tools
 * container, the contract image built from {@code chaincode/contract/Dockerfile}, {@code deploy.sh --no-contract} in
 * the tools container, then {@link AwaitGateways} before the first write. The compose file is read, not copied: image,
 * command, working directory, environment and volumes come from it. Skipped with Testcontainers' reason when no
 * Docker engine is reachable; holds {@link NativeFabric#LOCK_FILE} (the same fixed loopback ports as native runs).
 */
@Testcontainers(disabledWithoutDocker = true)
class DockerFabricConformanceIT extends ConformanceSuite {
    private static final Path COMPOSE = NativeFabric.HOME.resolve("docker-compose.yaml");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z_]+)(?::?[-?][^}]*)?}");
    private static final Duration START = Duration.ofMinutes(3);

    private static final List<GenericContainer<?>> running = new ArrayList<>();
    private static Path state;
    private static AutoCloseable lock;

    @BeforeAll
    static void up() throws Exception {
        lock = NativeFabric.lock();
        state = Files.createTempDirectory("fairmark-docker-fabric");
        Map<String, String> variables = Map.of(
                "FAIRMARK_FABRIC_STATE", state.toString(),
                "FAIRMARK_FABRIC_HOME", NativeFabric.HOME.toString());
        Map<String, Map<String, Object>> services = services(variables);

        NativeFabric.run(600, "up.sh", state.toString(), "--prepare-only");
        Identity revoked = NativeFabric.revokedBeforeTheChannel(state.resolve("crypto"));
        start(service(services.get("orderer"), variables)
                .waitingFor(Wait.forLogMessage(".*Beginning to serve requests.*\\n", 1).withStartupTimeout(START)));
        for (String peer : List.of("peer-coop", "peer-bureau", "peer-carrier", "peer-market")) {
            start(service(services.get(peer), variables)
                    .waitingFor(Wait.forLogMessage(".*Started peer with ID.*\\n", 1).withStartupTimeout(START)));
        }
        tools(services, variables, "up.sh", state.toString(), "--channel-only");

        String packageId = NativeFabric.run(600, "deploy.sh", state.toString(), "--package-only").strip();
        packageId = packageId.substring(packageId.lastIndexOf('\n') + 1);
        Path contractDir = NativeFabric.HOME.resolve("../../chaincode/contract").normalize();
        Path jar;
        try (var jars = Files.list(contractDir.resolve("target"))) {
            jar = jars.filter(file -> file.getFileName().toString().matches("fairmark-contract-.*-service\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no contract service jar in "
                            + contractDir.resolve("target") + ": run mvn package first"));
        }
        Map<String, Object> contract = services.get("contract");
        GenericContainer<?> contractContainer = new GenericContainer<>(new ImageFromDockerfile("fairmark-contract-it", true)
                        .withFileFromPath("Dockerfile", contractDir.resolve("Dockerfile"))
                        .withFileFromPath("target/" + jar.getFileName(), jar))
                .withNetworkMode("host")
                .withEnv(environment(contract, variables))
                .withEnv("CORE_CHAINCODE_ID_NAME", packageId)
                .waitingFor(Wait.forLogMessage(".*fairmark chaincode service .* listening on .*\\n", 1).withStartupTimeout(START));
        start(contractContainer);
        tools(services, variables, "deploy.sh", state.toString(), "--no-contract");

        int exit = AwaitGateways.run(new String[] {"--profile", state.resolve("connection-profile.json").toString(),
                "--crypto", state.resolve("crypto").toString(), "--timeout", "180"}, System.err);
        if (exit != 0) {
            throw new IllegalStateException("the Docker Fabric gateways did not get ready (AwaitGateways exit " + exit + ")");
        }
        connect(new Target("docker-fabric", state.resolve("connection-profile.json"), state.resolve("wallet"),
                state.resolve("crypto").resolve("orgs"), revoked));
    }

    @AfterAll
    static void down() throws Exception {
        disconnect();
        try {
            for (int i = running.size() - 1; i >= 0; i--) {
                running.get(i).stop();
            }
            running.clear();
            if (state != null) {
                // the nodes wrote their ledgers as the images' root user: remove the state directory from a container
                try (GenericContainer<?> clean = new GenericContainer<>("hyperledger/fabric-tools:2.5")
                        .withFileSystemBind(state.getParent().toString(), "/work", BindMode.READ_WRITE)
                        .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("/bin/rm", "-rf",
                                "/work/" + state.getFileName()))
                        .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(START))) {
                    clean.start();
                }
            }
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }

    private static void start(GenericContainer<?> container) {
        running.add(container);
        container.start();
    }

    /** Runs a script of this folder in a one-shot tools container, as {@code docker compose run --rm tools ...}. */
    private static void tools(Map<String, Map<String, Object>> services, Map<String, String> variables,
            String... command) {
        try (GenericContainer<?> tools = service(services.get("tools"), variables)
                .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("/bin/bash", "-c",
                        "exec ./\"$0\" \"$@\""))
                .withCommand(command)
                .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(START))) {
            tools.start();
        }
    }

    /** A container for a compose service: image, host networking, volumes, working directory, command, environment. */
    private static GenericContainer<?> service(Map<String, Object> service, Map<String, String> variables) {
        GenericContainer<?> container = new GenericContainer<>((String) service.get("image")).withNetworkMode("host");
        Object volumes = service.get("volumes");
        if (volumes instanceof List<?> list) {
            for (Object volume : list) {
                String[] parts = substitute(volume.toString(), variables).split(":");
                container.withFileSystemBind(parts[0], parts[1],
                        parts.length > 2 && parts[2].equals("ro") ? BindMode.READ_ONLY : BindMode.READ_WRITE);
            }
        }
        if (service.get("working_dir") != null) {
            container.withWorkingDirectory(substitute(service.get("working_dir").toString(), variables));
        }
        if (service.get("command") instanceof String command) {
            container.withCommand(command.split(" "));
        }
        return container.withEnv(environment(service, variables));
    }

    private static Map<String, String> environment(Map<String, Object> service, Map<String, String> variables) {
        Map<String, String> environment = new LinkedHashMap<>();
        if (service.get("environment") instanceof Map<?, ?> map) {
            map.forEach((key, value) -> environment.put(key.toString(), substitute(String.valueOf(value), variables)));
        }
        return environment;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> services(Map<String, String> variables) throws IOException {
        try (Reader reader = Files.newBufferedReader(COMPOSE)) {
            Map<String, Object> compose = new Yaml().load(reader);
            return (Map<String, Map<String, Object>>) compose.get("services");
        }
    }

    /** Compose's {@code ${NAME}}, {@code ${NAME:?message}} and {@code ${NAME:-default}} for the variables given. */
    static String substitute(String text, Map<String, String> variables) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = variables.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("compose variable " + matcher.group(1) + " is not set for the test");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(out).toString();
    }
}
