package org.fairmark.client;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.fairmark.domain.ErrorCode;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.ChaincodeEventsRequest;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.FileCheckpointer;
import org.hyperledger.fabric.client.GatewayRuntimeException;
import org.hyperledger.fabric.client.InMemoryCheckpointer;

/** Reads the gateway's chaincode event stream on a daemon thread into a bounded queue. */
final class EventStreamImpl implements EventStream {
    private static final int QUEUE_CAPACITY = 1024;

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final CloseableIterator<ChaincodeEvent> iterator;
    private final FileCheckpointer fileCheckpointer;
    private final InMemoryCheckpointer memoryCheckpointer;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread reader;

    /** What the reader thread leaves in the queue when the stream ends. */
    private record End(FairmarkException failure) {}

    private EventStreamImpl(CloseableIterator<ChaincodeEvent> iterator, FileCheckpointer fileCheckpointer,
            InMemoryCheckpointer memoryCheckpointer) {
        this.iterator = iterator;
        this.fileCheckpointer = fileCheckpointer;
        this.memoryCheckpointer = memoryCheckpointer;
        this.reader = new Thread(this::pump, "fairmark-events");
        this.reader.setDaemon(true);
    }

    static EventStream open(FairmarkClientImpl client, EventStream.Builder settings) {
        FileCheckpointer file = null;
        InMemoryCheckpointer memory = null;
        try {
            ChaincodeEventsRequest.Builder request = client.network().newChaincodeEventsRequest(client.chaincodeName());
            if (settings.startBlock >= 0) {
                request.startBlock(settings.startBlock);
            }
            if (settings.checkpointFile != null) {
                try {
                    file = new FileCheckpointer(settings.checkpointFile);
                } catch (IOException e) {
                    throw new FairmarkException(ErrorCode.INVALID_ARGUMENT, "cannot use checkpoint file "
                            + settings.checkpointFile + ": " + e.getMessage(), FairmarkException.Stage.EVENTS, null, null,
                            false, e);
                }
                request.checkpoint(file);
            } else {
                memory = new InMemoryCheckpointer();
            }
            CloseableIterator<ChaincodeEvent> iterator = request.build().getEvents();
            EventStreamImpl stream = new EventStreamImpl(iterator, file, memory);
            stream.reader.start();
            return stream;
        } catch (GatewayRuntimeException e) {
            closeQuietly(file);
            throw Errors.events(e);
        } catch (RuntimeException e) {
            closeQuietly(file);
            throw e;
        }
    }

    private void pump() {
        try {
            while (!closed.get() && iterator.hasNext()) {
                ChaincodeEvent event = iterator.next();
                queue.put(Events.of(event.getEventName(), event.getBlockNumber(), event.getTransactionId(), event.getPayload()));
            }
            // a stream the gateway ended (it shut down, or went away without an error) is the network's failure
            offerEnd(new End(closed.get() ? closedFailure() : new FairmarkException(ErrorCode.GATEWAY_UNAVAILABLE,
                    "the gateway ended the chaincode event stream; open a new stream (it resumes from the checkpoint)",
                    FairmarkException.Stage.EVENTS, null, null, true, null)));
        } catch (GatewayRuntimeException e) {
            offerEnd(new End(closed.get() ? closedFailure() : Errors.events(e)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            offerEnd(new End(closedFailure()));
        } catch (RuntimeException e) {
            offerEnd(new End(new FairmarkException(ErrorCode.INTERNAL_ERROR, "the event stream failed: " + e,
                    FairmarkException.Stage.EVENTS, null, null, true, e)));
        }
    }

    /** Queues the end after the events already read; they are delivered first unless the stream was closed. */
    private void offerEnd(End end) {
        while (!queue.offer(end)) {
            if (closed.get()) {
                queue.clear();
            } else {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    queue.clear();
                }
            }
        }
    }

    private static FairmarkException closedFailure() {
        return new FairmarkException(ErrorCode.INTERNAL_ERROR, "the event stream is closed", FairmarkException.Stage.EVENTS,
                null, null, true, null);
    }

    @Override
    public LedgerEvent take() {
        try {
            return unwrap(queue.take());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FairmarkException(ErrorCode.INTERNAL_ERROR, "interrupted while waiting for an event",
                    FairmarkException.Stage.EVENTS, null, null, true, e);
        }
    }

    @Override
    public Optional<LedgerEvent> poll(Duration timeout) {
        java.util.Objects.requireNonNull(timeout, "timeout == null");
        try {
            Object item = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return item == null ? Optional.empty() : Optional.of(unwrap(item));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FairmarkException(ErrorCode.INTERNAL_ERROR, "interrupted while waiting for an event",
                    FairmarkException.Stage.EVENTS, null, null, true, e);
        }
    }

    private LedgerEvent unwrap(Object item) {
        if (item instanceof End end) {
            queue.offer(end); // every later call fails the same way
            throw end.failure();
        }
        return (LedgerEvent) item;
    }

    @Override
    public void checkpoint(LedgerEvent event) {
        java.util.Objects.requireNonNull(event, "event == null");
        LedgerEvent.EventInfo info = event.info();
        try {
            if (fileCheckpointer != null) {
                fileCheckpointer.checkpointTransaction(info.blockNumber(), info.transactionId());
                fileCheckpointer.sync();
            } else {
                memoryCheckpointer.checkpointTransaction(info.blockNumber(), info.transactionId());
            }
        } catch (IOException e) {
            throw new FairmarkException(ErrorCode.INVALID_ARGUMENT, "cannot write the event checkpoint: " + e.getMessage(),
                    FairmarkException.Stage.EVENTS, info.transactionId(), null, false, e);
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        iterator.close();
        reader.interrupt();
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(fileCheckpointer);
    }

    private static void closeQuietly(FileCheckpointer checkpointer) {
        if (checkpointer != null) {
            try {
                checkpointer.close();
            } catch (IOException e) {
                // releasing the lock of a file we no longer use
            }
        }
    }
}
