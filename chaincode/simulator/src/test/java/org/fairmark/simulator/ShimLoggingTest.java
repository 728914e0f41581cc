package org.fairmark.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.hyperledger.fabric.shim.ChaincodeBase;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.junit.jupiter.api.Test;

class ShimLoggingTest {
    private static final String FORMAT_PROPERTY = "java.util.logging.SimpleFormatter.format";

    /** Runs the shim's real {@code initializeLogging}, as the {@code ContractRouter} constructor does. */
    private static final class LoggingProbe extends ChaincodeBase {
        void initializeShimLogging() {
            initializeLogging();
        }

        @Override
        public Response init(ChaincodeStub stub) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Response invoke(ChaincodeStub stub) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void undoes_the_shims_changes_to_root_handlers_and_quiets_its_loggers() {
        Logger root = Logger.getLogger("");
        ConsoleHandler handler = new ConsoleHandler();
        handler.setLevel(Level.OFF);
        Formatter formatter = new Formatter() {
            @Override
            public String format(LogRecord record) {
                return "";
            }
        };
        handler.setFormatter(formatter);
        String format = System.getProperty(FORMAT_PROPERTY);
        root.addHandler(handler);
        try {
            ShimLogging.aroundRouterConstruction(() -> {
                new LoggingProbe().initializeShimLogging();
                assertThat(handler.getLevel()).as("what the shim does").isEqualTo(Level.ALL);
                return null;
            });

            assertThat(handler.getLevel()).isEqualTo(Level.OFF);
            assertThat(handler.getFormatter()).isSameAs(formatter);
            assertThat(System.getProperty(FORMAT_PROPERTY)).isEqualTo(format);
            assertThat(Logger.getLogger("org.hyperledger.fabric.contract").getLevel()).isEqualTo(Level.WARNING);
            assertThat(Logger.getLogger("org.hyperledger.fabric.shim").getLevel()).isEqualTo(Level.WARNING);
        } finally {
            root.removeHandler(handler);
        }
    }
}
