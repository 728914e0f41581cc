package org.fairmark.simulator;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Filter;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.hyperledger.fabric.shim.ResponseUtils;

/**
 * Keeps the shim's logging proportionate inside a host process. The shim is written to own its JVM: its
 * {@code ChaincodeBase.initializeLogging} reformats and opens up every root handler, and it logs each transaction
 * at INFO and each {@code ChaincodeException} (an expected business error) as SEVERE with a stack trace. Here the
 * shim logs at WARNING and above, the root handlers are left as they were, and SEVERE remains for errors the
 * contract did not mean to raise.
 */
final class ShimLogging {
    private static final Logger LOGGER = Logger.getLogger(ShimLogging.class.getName());

    private static final String SIMPLE_FORMAT_PROPERTY = "java.util.logging.SimpleFormatter.format";
    private static final String ROOT_MESSAGE = "Updated all handlers the format";
    private static final List<String> SHIM_LOGGERS = List.of(
            "org.hyperledger.fabric",
            "org.hyperledger.fabric.contract",
            "org.hyperledger.fabric.shim",
            "org.hyperledger.fabric.shim.ChaincodeBase",
            "org.hyperledger.fabric.metrics",
            "org.hyperledger.fabric.traces");

    /** Configured loggers stay reachable: the LogManager holds loggers weakly and would forget their levels. */
    private static final List<Logger> CONFIGURED = new CopyOnWriteArrayList<>();

    private ShimLogging() {}

    /**
     * Runs {@code construction} (of a {@code ContractRouter}) with the shim quiet, then restores the root handlers'
     * levels and formatters and the {@code SimpleFormatter} format that the construction changed.
     */
    static <T> T aroundRouterConstruction(Supplier<T> construction) {
        Logger root = Logger.getLogger("");
        Handler[] handlers = root.getHandlers();
        Level[] levels = new Level[handlers.length];
        Formatter[] formatters = new Formatter[handlers.length];
        for (int i = 0; i < handlers.length; i++) {
            levels[i] = handlers[i].getLevel();
            formatters[i] = handlers[i].getFormatter();
        }
        String simpleFormat = System.getProperty(SIMPLE_FORMAT_PROPERTY);
        Filter rootFilter = root.getFilter();
        root.setFilter(record -> !ROOT_MESSAGE.equals(record.getMessage())
                && (rootFilter == null || rootFilter.isLoggable(record)));
        quiet();
        try {
            return construction.get();
        } finally {
            root.setFilter(rootFilter);
            for (int i = 0; i < handlers.length; i++) {
                handlers[i].setLevel(levels[i]);
                handlers[i].setFormatter(formatters[i]);
            }
            if (simpleFormat == null) {
                System.clearProperty(SIMPLE_FORMAT_PROPERTY);
            } else {
                System.setProperty(SIMPLE_FORMAT_PROPERTY, simpleFormat);
            }
            quiet();
        }
    }

    /** Sets the shim's loggers to WARNING and keeps business errors out of the SEVERE log. */
    static void quiet() {
        for (String name : SHIM_LOGGERS) {
            Logger logger = Logger.getLogger(name);
            logger.setLevel(Level.WARNING);
            if (!CONFIGURED.contains(logger)) {
                CONFIGURED.add(logger);
            }
        }
        filterBusinessErrors();
    }

    private static void filterBusinessErrors() {
        try {
            Field field = ResponseUtils.class.getDeclaredField("logger");
            field.setAccessible(true);
            Logger logger = (Logger) field.get(null);
            if (!(logger.getFilter() instanceof BusinessErrorFilter)) {
                logger.setFilter(new BusinessErrorFilter(logger.getFilter()));
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOGGER.log(Level.FINE, "cannot filter the shim's logging of ChaincodeException responses", e);
        }
    }

    /**
     * Drops {@code ResponseUtils}' SEVERE record when the contract method threw a {@code ChaincodeException}: the
     * error is the transaction's result, not a fault. Unexpected exceptions reach {@code ResponseUtils} from the
     * router instead, and stay logged.
     */
    private static final class BusinessErrorFilter implements Filter {
        private static final String RESPONSE_UTILS = ResponseUtils.class.getName();
        private static final String EXECUTION_SERVICE =
                "org.hyperledger.fabric.contract.execution.impl.ContractExecutionService";

        private final Filter next;

        BusinessErrorFilter(Filter next) {
            this.next = next;
        }

        @Override
        public boolean isLoggable(LogRecord record) {
            if (record.getLevel() == Level.SEVERE && loggedForContractException()) {
                return false;
            }
            return next == null || next.isLoggable(record);
        }

        private static boolean loggedForContractException() {
            return StackWalker.getInstance().walk(frames -> {
                boolean inResponseUtils = false;
                for (StackWalker.StackFrame frame : (Iterable<StackWalker.StackFrame>) frames::iterator) {
                    if (Objects.equals(frame.getClassName(), RESPONSE_UTILS)) {
                        inResponseUtils = true;
                    } else if (inResponseUtils) {
                        return frame.getClassName().equals(EXECUTION_SERVICE);
                    }
                }
                return false;
            });
        }
    }
}
