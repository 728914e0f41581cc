package org.fairmark.contract;

import java.util.ArrayList;
import java.util.List;
import org.fairmark.domain.DomainException;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.Role;
import org.fairmark.domain.model.Custody;
import org.fairmark.domain.model.CustodyHop;
import org.fairmark.domain.model.PackageRecord;
import org.fairmark.domain.model.Requests;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * Custody: the current holder hands packages over to the next org, which accepts them on arrival. While in transit a
 * package's custody key needs both orgs' endorsement; once accepted, the new holder's alone.
 */
@Contract(name = "custody", info = @Info(title = "Fairmark custody", version = "0.1.0"))
public final class CustodyContract extends FairmarkContract {

    /**
     * Hands packages over to {@code toOrg}. Role packer, carrier or buyer of the holder org. Refused for a recalled
     * batch's packages and for packages of a lot whose latest lot inspection failed.
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String HandOver(Context ctx, String request) {
        return write(ctx, request, Requests.HandOver.class, CustodyContract::handOver);
    }

    /**
     * Accepts packages handed over to the submitter's org (and identity, when one was named). Refused for a recalled
     * batch's packages, even when the hand-over was made before the recall.
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String Accept(Context ctx, String request) {
        return write(ctx, request, Requests.Accept.class, CustodyContract::accept);
    }

    /** Who holds a package now. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String Get(Context ctx, String request) {
        return read(ctx, request, Requests.PackageRef.class, (c, r) -> Packages.custody(c, Packages.require(c, r)));
    }

    private static Object handOver(FairmarkContext ctx, Requests.HandOver r) {
        Submitter holder = ctx.requireRole(Role.PACKER, Role.CARRIER, Role.BUYER);
        List<Requests.PackageRef> refs = Packages.requireRefs(r.packages());
        Records.requireMspId("toOrg", r.toOrg());
        if (r.toOrg().equals(holder.mspId())) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "a hand-over goes to another org");
        }
        if (r.toId() != null && (r.toId().isBlank() || r.toId().length() > 512)) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "toId must be a client identity id");
        }
        Packages.BatchCache batches = new Packages.BatchCache(ctx);
        LotInspectionContract.LotCache lots = new LotInspectionContract.LotCache(ctx);
        List<Custody> moved = new ArrayList<>();
        for (Requests.PackageRef ref : refs) {
            PackageRecord pkg = Packages.require(ctx, ref);
            batches.requireNotRecalled(pkg);
            lots.requireNotFailed(pkg);
            Custody custody = Packages.custody(ctx, pkg);
            if (custody.status() != Custody.CustodyStatus.HELD || !custody.holderOrg().equals(holder.mspId())) {
                throw new DomainException(ErrorCode.NOT_HOLDER,
                        "package " + pkg.serial() + " is " + custody.status() + " with " + custody.holderOrg());
            }
            Custody inTransit = new Custody(pkg.gtin(), pkg.lot(), pkg.serial(), custody.holderOrg(),
                    custody.holderId(), Custody.CustodyStatus.IN_TRANSIT, r.toOrg(), r.toId(), custody.hops(),
                    ctx.timestampText(), ctx.txId());
            String key = Packages.custodyKey(ctx, pkg);
            ctx.update(key, inTransit);
            ctx.bind(key, holder.mspId(), r.toOrg());
            moved.add(inTransit);
        }
        ctx.emit("CustodyHandedOver", event("fromOrg", holder.mspId(), "toOrg", r.toOrg(),
                "packages", moved.stream().map(c -> c.gtin() + "/" + c.lot() + "/" + c.serial()).toList()));
        return moved;
    }

    private static Object accept(FairmarkContext ctx, Requests.Accept r) {
        Submitter receiver = ctx.requireRole(Role.PACKER, Role.CARRIER, Role.BUYER);
        List<Requests.PackageRef> refs = Packages.requireRefs(r.packages());
        Packages.BatchCache batches = new Packages.BatchCache(ctx);
        List<Custody> accepted = new ArrayList<>();
        for (Requests.PackageRef ref : refs) {
            PackageRecord pkg = Packages.require(ctx, ref);
            // a hand-over still pending when the batch is recalled stays pending: the goods do not change hands
            batches.requireNotRecalled(pkg);
            Custody custody = Packages.custody(ctx, pkg);
            boolean forMe = custody.status() == Custody.CustodyStatus.IN_TRANSIT
                    && receiver.mspId().equals(custody.pendingOrg())
                    && (custody.pendingId() == null || custody.pendingId().equals(receiver.id()));
            if (!forMe) {
                throw new DomainException(ErrorCode.HANDOVER_NOT_PENDING,
                        "no hand-over of package " + pkg.serial() + " to you is pending");
            }
            Custody held = new Custody(pkg.gtin(), pkg.lot(), pkg.serial(), receiver.mspId(), receiver.id(),
                    Custody.CustodyStatus.HELD, null, null, custody.hops() + 1, ctx.timestampText(), ctx.txId());
            String key = Packages.custodyKey(ctx, pkg);
            ctx.update(key, held);
            ctx.bind(key, receiver.mspId());
            CustodyHop hop = new CustodyHop(pkg.gtin(), pkg.serial(), custody.holderOrg(), custody.holderId(),
                    receiver.mspId(), receiver.id(), custody.since(), custody.txId(), ctx.timestampText(), ctx.txId());
            ctx.create(ctx.key(Keys.HOP, pkg.gtin(), pkg.serial(), custody.txId()), hop, receiver.mspId());
            accepted.add(held);
        }
        ctx.emit("CustodyAccepted", event("toOrg", receiver.mspId(),
                "packages", accepted.stream().map(c -> c.gtin() + "/" + c.lot() + "/" + c.serial()).toList()));
        return accepted;
    }
}
