package org.fairmark.contract;

import java.security.interfaces.ECPublicKey;
import org.fairmark.domain.DomainException;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.Limits;
import org.fairmark.domain.PublicKeys;
import org.fairmark.domain.Role;
import org.fairmark.domain.Text;
import org.fairmark.domain.model.LabelKey;
import org.fairmark.domain.model.Requests;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/** Label keys: the P-256 public keys packers sign labels with, bound to the packer's identity; revocable. */
@Contract(name = "labelkey", info = @Info(title = "Fairmark label keys", version = "0.1.0"))
public final class LabelKeyContract extends FairmarkContract {
    private static final java.util.regex.Pattern KEY_ID = java.util.regex.Pattern.compile("[0-9a-f]{32}");

    /** Registers the submitting packer's label public key. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String Register(Context ctx, String request) {
        return write(ctx, request, Requests.RegisterLabelKey.class, LabelKeyContract::register);
    }

    /** Revokes a label key. Role packer of the key's org. Labels signed with it then fail verification. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String Revoke(Context ctx, String request) {
        return write(ctx, request, Requests.RevokeLabelKey.class, LabelKeyContract::revoke);
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String Get(Context ctx, String request) {
        return read(ctx, request, Requests.LabelKeyRef.class, (c, r) -> requireLabelKey(c, r.keyId()));
    }

    /** One page of all label keys (for trust bundles), in key-id order. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String List(Context ctx, String request) {
        return read(ctx, request, KeyPage.class, LabelKeyContract::list);
    }

    /** The request of {@link #List}. */
    public record KeyPage(Long pageSize, String bookmark) {}

    static LabelKey requireLabelKey(FairmarkContext ctx, String keyId) {
        LabelKey key = findLabelKey(ctx, keyId);
        if (key == null) {
            throw new DomainException(ErrorCode.LABEL_KEY_NOT_FOUND, "no label key " + keyId);
        }
        return key;
    }

    /** The label key of {@code keyId}, or {@code null} when the ledger has none; a malformed id is INVALID_ARGUMENT. */
    static LabelKey findLabelKey(FairmarkContext ctx, String keyId) {
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "keyId must be 32 lowercase hex characters");
        }
        return ctx.get(ctx.key(Keys.LABEL_KEY, keyId), LabelKey.class);
    }

    private static Object register(FairmarkContext ctx, Requests.RegisterLabelKey r) {
        Submitter packer = ctx.requireRole(Role.PACKER);
        ECPublicKey publicKey = PublicKeys.parseP256(r.publicKey());
        String keyId = PublicKeys.keyId(publicKey);
        String key = ctx.key(Keys.LABEL_KEY, keyId);
        if (ctx.exists(key)) {
            throw new DomainException(ErrorCode.LABEL_KEY_EXISTS, "label key " + keyId + " is already registered");
        }
        LabelKey labelKey = new LabelKey(
                keyId, PublicKeys.toBase64(publicKey), packer.id(), packer.mspId(), ctx.timestampText(), false, null,
                null);
        ctx.create(key, labelKey, packer.mspId());
        ctx.emit("LabelKeyRegistered", event("keyId", keyId, "ownerOrg", packer.mspId()));
        return labelKey;
    }

    private static Object revoke(FairmarkContext ctx, Requests.RevokeLabelKey r) {
        Submitter packer = ctx.requireRole(Role.PACKER);
        LabelKey key = requireLabelKey(ctx, r.keyId());
        if (!key.ownerOrg().equals(packer.mspId())) {
            throw new DomainException(ErrorCode.WRONG_ORG, "label key " + key.keyId() + " belongs to another org");
        }
        if (Boolean.TRUE.equals(key.revoked())) {
            throw new DomainException(ErrorCode.LABEL_KEY_REVOKED, "label key " + key.keyId() + " is already revoked");
        }
        String reason = Text.requireText("reason", r.reason(), Limits.MAX_TEXT_LENGTH);
        LabelKey revoked = new LabelKey(
                key.keyId(), key.publicKey(), key.ownerId(), key.ownerOrg(), key.registeredAt(), true,
                ctx.timestampText(), reason);
        ctx.update(ctx.key(Keys.LABEL_KEY, key.keyId()), revoked);
        ctx.emit("LabelKeyRevoked", event("keyId", key.keyId(), "ownerOrg", key.ownerOrg()));
        return revoked;
    }

    private static Object list(FairmarkContext ctx, KeyPage r) {
        return ctx.page(LabelKey.class, r.pageSize() == null ? 100 : r.pageSize(), r.bookmark(), Keys.LABEL_KEY);
    }
}
