package org.fairmark.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Default;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * The read-only transactions ({@code @Transaction(intent = EVALUATE)}) of contract classes named by the caller, run
 * in this process over a {@link SimulatedStub} without the shim's router: no classpath scan, no contract metadata,
 * no JSON schema. It calls what the router calls, in its order ({@code createContext}, {@code beforeTransaction},
 * the method with its one string argument, {@code afterTransaction}) and answers as the router does: status 200
 * and the result's UTF-8 bytes, or status 500 with the message and payload of a {@link ChaincodeException}. A
 * function of no contract goes to the contract's {@code unknownTransaction}; a write (a {@code SUBMIT} transaction)
 * is refused, since a write must be endorsed, ordered and validated by a network.
 *
 * <pre>{@code
 * ContractReader reader = ContractReader.of(FairmarkContracts.classes());
 * SimulationResult result = reader.evaluate(store, "fairmark", invocation);
 * }</pre>
 */
public final class ContractReader {
    private record Route(ContractInterface contract, Method method) {}

    private final Map<String, Route> reads = new HashMap<>();
    private final Set<String> writes = new HashSet<>();
    private final Map<String, ContractInterface> contracts = new HashMap<>();
    private final ContractInterface defaultContract;

    private ContractReader(List<Class<? extends ContractInterface>> classes) {
        ContractInterface first = null;
        ContractInterface marked = null;
        for (Class<? extends ContractInterface> type : classes) {
            Contract annotation = type.getAnnotation(Contract.class);
            if (annotation == null) {
                throw new IllegalArgumentException(type.getName() + " has no @Contract annotation");
            }
            ContractInterface contract;
            try {
                contract = type.getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("cannot create contract " + type.getName() + ": " + e, e);
            }
            String name = annotation.name().isEmpty() ? type.getSimpleName() : annotation.name();
            contracts.put(name, contract);
            first = first == null ? contract : first;
            if (type.isAnnotationPresent(Default.class)) {
                marked = contract;
            }
            for (Method method : type.getMethods()) {
                Transaction transaction = method.getAnnotation(Transaction.class);
                if (transaction == null) {
                    continue;
                }
                String function = name + ":" + (transaction.name().isEmpty() ? method.getName() : transaction.name());
                if (transaction.intent() == Transaction.TYPE.EVALUATE) {
                    Class<?>[] parameters = method.getParameterTypes();
                    if (parameters.length != 2 || !Context.class.isAssignableFrom(parameters[0])
                            || parameters[1] != String.class) {
                        throw new IllegalArgumentException(function + " does not take (Context, String)");
                    }
                    reads.put(function, new Route(contract, method));
                } else {
                    writes.add(function);
                }
            }
        }
        if (first == null) {
            throw new IllegalArgumentException("no contract classes");
        }
        defaultContract = marked != null ? marked : first;
    }

    /** A reader of the read-only transactions of {@code classes}. */
    public static ContractReader of(List<Class<? extends ContractInterface>> classes) {
        Objects.requireNonNull(classes, "classes == null");
        return new ContractReader(List.copyOf(classes));
    }

    /** Whether {@code function} ({@code contract:Function}) is a read-only transaction this reader runs. */
    public boolean reads(String function) {
        return reads.containsKey(function);
    }

    /**
     * Runs the read-only transaction named by the invocation's first argument against the committed state of
     * {@code namespace}; nothing is committed (a read writes nothing).
     *
     * @throws IllegalArgumentException if the function is a write
     */
    public SimulationResult evaluate(StateStore store, String namespace, Invocation invocation) {
        SimulatedStub stub = new SimulatedStub(store, namespace, invocation);
        String function = stub.getFunction();
        if (writes.contains(qualified(function))) {
            throw new IllegalArgumentException(function + " is a write: it needs a network to endorse, order and"
                    + " validate it");
        }
        Route route = reads.get(qualified(function));
        ContractInterface contract = route != null ? route.contract() : contractOf(function);
        SimulationResult result;
        try {
            Context ctx = contract.createContext(stub);
            contract.beforeTransaction(ctx);
            if (route == null) {
                contract.unknownTransaction(ctx);
                result = new SimulationResult(500, "Undefined contract method called", null, ReadWriteSet.empty(), null);
            } else {
                List<String> args = stub.getStringArgs();
                Object value;
                try {
                    value = route.method().invoke(contract, ctx, args.size() > 1 ? args.get(1) : null);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
                contract.afterTransaction(ctx, value);
                byte[] payload = value == null ? new byte[0] : value.toString().getBytes(UTF_8);
                result = new SimulationResult(200, null, payload, stub.readWriteSet(), stub.eventRecord());
            }
        } catch (ChaincodeException e) {
            result = new SimulationResult(500, e.getMessage(), e.getPayload(), ReadWriteSet.empty(), null);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("contract " + function + " failed: " + e, e);
        }
        return stub.simulationFailure().map(SimulationResult::failed).orElse(result);
    }

    /** {@code Function} of the default contract as {@code contract:Function}, else the name as given. */
    private String qualified(String function) {
        if (function == null || function.contains(":")) {
            return function;
        }
        for (Map.Entry<String, ContractInterface> entry : contracts.entrySet()) {
            if (entry.getValue() == defaultContract) {
                return entry.getKey() + ":" + function;
            }
        }
        return function;
    }

    private ContractInterface contractOf(String function) {
        if (function != null && function.contains(":")) {
            ContractInterface named = contracts.get(function.substring(0, function.indexOf(':')));
            if (named != null) {
                return named;
            }
        }
        return defaultContract;
    }

    @Override
    public String toString() {
        return "ContractReader[" + reads.size() + " read-only transactions of " + contracts.size() + " contracts]";
    }
}
