package org.fairmark.client;

import java.util.List;
import org.fairmark.domain.model.LabelKey;
import org.fairmark.domain.model.PackResult;
import org.fairmark.domain.model.Requests;

/**
 * A grading and packing station: registers label keys, packs certified batches into packages and signs their labels.
 *
 * <pre>{@code
 * LabelSigner signer = LabelSigner.generate();
 * client.packer().registerLabelKey(signer);
 * PackResult packed = client.packer().pack(new Requests.Pack(null, gtin, lot, "2024-09-15", signer.keyId(),
 *         List.of(new Requests.PackageSpec("P0001", null, 500L, null))));
 * List<SignedLabel> labels = client.packer().signLabels(packed, signer, "https://id.fairmark.cn");
 * }</pre>
 *
 * <p>A {@code null} request id is generated. Every method throws {@link FairmarkException} when refused.
 */
public interface Packer extends CustodyHolder {

    /** {@code labelkey:Register}: binds a P-256 public key to the packer's identity. */
    LabelKey registerLabelKey(Requests.RegisterLabelKey request);

    /** {@code labelkey:Register} of the signer's public key, with a fresh request id. */
    LabelKey registerLabelKey(LabelSigner signer);

    /** {@code labelkey:Revoke}: revokes a key of the packer's org; labels signed with it stop verifying. */
    LabelKey revokeLabelKey(Requests.RevokeLabelKey request);

    /** {@code packaging:Pack}: packs up to 500 packages in one transaction, under the mass balance. */
    PackResult pack(Requests.Pack request);

    /**
     * Signs the labels of the packages a packing run created: reads each package and its batch's origin and signs the
     * claim with {@code signer}, whose key must be the run's label key. Nothing is signed for a batch the ledger shows
     * recalled, nor with a key it shows revoked.
     *
     * @param resolver the base of the label URIs, e.g. {@code https://id.fairmark.cn}
     * @throws FairmarkException {@link org.fairmark.domain.ErrorCode#INVALID_ARGUMENT} when the signer's key is not
     *     the run's label key, {@link org.fairmark.domain.ErrorCode#BATCH_RECALLED},
     *     {@link org.fairmark.domain.ErrorCode#LABEL_KEY_REVOKED}
     */
    List<SignedLabel> signLabels(PackResult packed, LabelSigner signer, String resolver);
}
