package org.fairmark.cli;

import java.util.concurrent.Callable;
import org.fairmark.client.FairmarkClient;
import org.fairmark.domain.Role;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A leaf command: reaches the root's options, the output and, when it needs one, a ledger session. */
abstract class FairmarkCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private Session session;
    private Output output;

    @Override
    public final Integer call() throws Exception {
        try {
            return execute();
        } finally {
            if (session != null) {
                session.close();
                session = null;
            }
        }
    }

    /** Runs the command; returns the exit status. */
    abstract int execute() throws Exception;

    RootCommand root() {
        return (RootCommand) spec.root().userObject();
    }

    Output out() {
        if (output == null) {
            output = root().output();
            // names of the orgs from their ledger profiles, read only when human output shows an org; through the
            // read client, so a read command on a stopped network does not start it just for the names (it falls
            // back to the network's client when a write already opened it)
            output.orgs(() -> org.fairmark.client.OrgDirectory.of(readClient(null).participant()));
        }
        return output;
    }

    /** The ledger session, opened on first use and closed when the command ends. */
    Session session() {
        if (session == null) {
            session = Session.of(root());
        }
        return session;
    }

    /**
     * A client for a command that only reads (see {@link Session#readClient(Role)}): on a stopped development network
     * it reads the ledger files instead of starting the network.
     */
    FairmarkClient readClient(Role role) {
        return session().readClient(role);
    }

    /** A client for {@code role} (see {@link Session#client(Role)}). */
    FairmarkClient client(Role role) {
        return session().client(role);
    }
}
