package org.fairmark.simulator;

import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ScanResult;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.metadata.MetadataBuilder;
import org.hyperledger.fabric.contract.routing.ContractDefinition;
import org.hyperledger.fabric.contract.routing.RoutingRegistry;
import org.hyperledger.fabric.contract.routing.TypeRegistry;
import org.hyperledger.fabric.shim.Chaincode;

/**
 * The contract chaincode on the classpath, run in this process through the shim's own {@link ContractRouter}: the
 * same routing, argument conversion, serialization and error responses as in a chaincode container, over a
 * {@link SimulatedStub} instead of the peer connection.
 *
 * <p>Loading scans the classpath for {@code @Contract} classes, like the shim's {@code main}, and prepares the
 * metadata of the {@code org.hyperledger.fabric:GetMetadata} system transaction. Load once and reuse: executions
 * are thread-safe, each with its own stub. The system property {@value #PACKAGES_PROPERTY} (comma-separated
 * packages, e.g. {@code org.fairmark}) limits the scan to those packages: the shim's scan of the whole classpath
 * costs seconds of CPU in a large application jar, which short command-line runs avoid this way.
 *
 * <pre>{@code
 * InProcessChaincode chaincode = InProcessChaincode.load("fairmark");
 * SimulationResult result = chaincode.execute(store, invocation);
 * if (result.isSuccess()) {
 *     store.commitIfValid(
 *             "fairmark", result.readWriteSet(), new Version(1, 0), invocation.txId(), invocation.timestamp());
 * }
 * }</pre>
 */
public final class InProcessChaincode {
    private static final String SYSTEM_CONTRACT = "org.hyperledger.fabric";
    private static final Object LOADING = new Object();
    /** System property: the packages to scan for contracts and data types; unset or blank: the whole classpath. */
    public static final String PACKAGES_PROPERTY = "fairmark.chaincode.packages";

    private final String name;
    private final ContractRouter router;
    private final Map<String, Chaincode> extraContracts;

    private InProcessChaincode(String name, ContractRouter router, Map<String, Chaincode> extraContracts) {
        this.name = name;
        this.router = router;
        this.extraContracts = Map.copyOf(extraContracts);
    }

    /**
     * Loads the contracts on the classpath as chaincode {@code chaincodeName}, which is also the default namespace
     * of its state.
     *
     * @throws IllegalStateException if the classpath has no {@code @Contract} class or the shim cannot be set up
     */
    public static InProcessChaincode load(String chaincodeName) {
        Objects.requireNonNull(chaincodeName, "chaincodeName == null");
        if (chaincodeName.isBlank()) {
            throw new IllegalArgumentException("chaincodeName is blank");
        }
        // The shim keeps its type registry and contract metadata in static state.
        synchronized (LOADING) {
            ContractRouter router =
                    ShimLogging.aroundRouterConstruction(() -> new ContractRouter(new String[] {"-i", chaincodeName}));
            String packages = System.getProperty(PACKAGES_PROPERTY, "").strip();
            RoutingRegistry routing = (RoutingRegistry) callPackagePrivate(router, "getRoutingRegistry");
            TypeRegistry types = (TypeRegistry) callPackagePrivate(router, "getTypeRegistry");
            if (packages.isEmpty()) {
                callPackagePrivate(router, "findAllContracts");
            } else {
                findContractsIn(packages.split("\\s*,\\s*"), routing, types);
            }
            boolean hasContract = routing.getAllDefinitions().stream()
                    .map(ContractDefinition::getName)
                    .anyMatch(contract -> !contract.equals(SYSTEM_CONTRACT));
            if (!hasContract) {
                throw new IllegalStateException("no @Contract class implementing ContractInterface on the classpath");
            }
            MetadataBuilder.initialize(routing, types);
            return new InProcessChaincode(chaincodeName, router, Map.of());
        }
    }

    /**
     * This chaincode plus a low-level chaincode that serves every function {@code contractName:...}, e.g. the
     * benchmark's {@code bench:Noop}. The extra contract is not found by the classpath scan, so it is in no contract
     * metadata ({@code org.hyperledger.fabric:GetMetadata}); it runs against the same stub and namespace.
     *
     * @throws IllegalArgumentException if {@code contractName} is blank, contains ':' or is already routed
     */
    public InProcessChaincode withContract(String contractName, Chaincode chaincode) {
        Objects.requireNonNull(contractName, "contractName == null");
        Objects.requireNonNull(chaincode, "chaincode == null");
        if (contractName.isBlank() || contractName.contains(":")) {
            throw new IllegalArgumentException("contractName must be a non-blank name without ':', got '" + contractName + "'");
        }
        if (extraContracts.containsKey(contractName)) {
            throw new IllegalArgumentException("contract " + contractName + " is already routed");
        }
        Map<String, Chaincode> contracts = new LinkedHashMap<>(extraContracts);
        contracts.put(contractName, chaincode);
        return new InProcessChaincode(name, router, contracts);
    }

    /** The chaincode name given to {@link #load}. */
    public String name() {
        return name;
    }

    /** Executes {@code invocation} against {@code store} in the chaincode's own namespace, {@link #name()}. */
    public SimulationResult execute(StateStore store, Invocation invocation) {
        return execute(store, name, invocation);
    }

    /**
     * Executes {@code invocation} against the committed state of {@code namespace} in {@code store}. Nothing is
     * committed: the result carries the read-write set to validate and commit.
     */
    public SimulationResult execute(StateStore store, String namespace, Invocation invocation) {
        SimulatedStub stub = new SimulatedStub(store, namespace, invocation);
        Chaincode.Response response = extraContract(stub.getFunction()).invoke(stub);
        Optional<String> failure = stub.simulationFailure();
        if (failure.isPresent()) {
            return SimulationResult.failed(failure.get());
        }
        int status = response.getStatusCode();
        if (status >= SimulationResult.ERROR_THRESHOLD) {
            return new SimulationResult(
                    status, response.getMessage(), response.getPayload(), ReadWriteSet.empty(), null);
        }
        return new SimulationResult(
                status, response.getMessage(), response.getPayload(), stub.readWriteSet(), stub.eventRecord());
    }

    /**
     * What the shim's {@code RoutingRegistryImpl.findAndSetContracts} does, over {@code packages} only: every
     * {@code @Contract} class implementing {@code ContractInterface} becomes a contract, every {@code @DataType}
     * class a data type.
     */
    private static void findContractsIn(String[] packages, RoutingRegistry routing, TypeRegistry types) {
        List<Class<?>> contracts = new ArrayList<>();
        List<Class<?>> dataTypes = new ArrayList<>();
        try (ScanResult scan = new ClassGraph().enableClassInfo().enableAnnotationInfo().acceptPackages(packages)
                .scan()) {
            for (ClassInfo info : scan.getClassesWithAnnotation(Contract.class.getCanonicalName())) {
                Class<?> type = info.loadClass();
                if (type.getAnnotation(Contract.class) != null && ContractInterface.class.isAssignableFrom(type)) {
                    contracts.add(type);
                }
            }
            for (ClassInfo info : scan.getClassesWithAnnotation(DataType.class.getCanonicalName())) {
                Class<?> type = info.loadClass();
                if (type.getAnnotation(DataType.class) != null) {
                    dataTypes.add(type);
                }
            }
        }
        try {
            Method addContracts = routing.getClass().getDeclaredMethod("addContracts", List.class);
            addContracts.setAccessible(true);
            addContracts.invoke(routing, contracts);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("RoutingRegistryImpl.addContracts failed", e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException(
                    "RoutingRegistryImpl.addContracts is not accessible; has the shim version changed?", e);
        }
        dataTypes.forEach(types::addDataType);
    }

    private Chaincode extraContract(String function) {
        if (!extraContracts.isEmpty() && function != null) {
            int colon = function.indexOf(':');
            if (colon > 0) {
                Chaincode extra = extraContracts.get(function.substring(0, colon));
                if (extra != null) {
                    return extra;
                }
            }
        }
        return router;
    }

    private static Object callPackagePrivate(ContractRouter router, String methodName) {
        try {
            Method method = ContractRouter.class.getDeclaredMethod(methodName);
            method.setAccessible(true);
            return method.invoke(router);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("ContractRouter." + methodName + " failed", e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException(
                    "ContractRouter." + methodName + " is not accessible; has the shim version changed?", e);
        }
    }

    @Override
    public String toString() {
        return "InProcessChaincode[" + name + "]";
    }
}
