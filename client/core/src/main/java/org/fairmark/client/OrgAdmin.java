package org.fairmark.client;

import org.fairmark.domain.model.OrgProfile;
import org.fairmark.domain.model.ProfileRequests;

/**
 * An organization's administrator (a certificate with the Fabric NodeOU {@code OU=admin}): states who the organization
 * is, in its profile.
 *
 * <pre>{@code
 * OrgProfile profile = adminClient.admin().setProfile(new ProfileRequests.SetProfile(null, "迁西县栗乡板栗专业合作社",
 *         "Qianxi Chestnut Cooperative", "93130227FM0000011X", "130227", OrgKind.COOPERATIVE));
 * }</pre>
 */
public interface OrgAdmin extends Participant {

    /**
     * {@code profile:Set}: creates or changes the profile of the client's own organization. A {@code null} request id is
     * generated.
     *
     * @throws FairmarkException {@code NOT_ORG_ADMIN} for an identity that is not an administrator,
     *     {@code INVALID_SOCIAL_CREDIT_CODE}, {@code INVALID_COUNTY_CODE}, {@code INVALID_ARGUMENT}
     */
    OrgProfile setProfile(ProfileRequests.SetProfile request);
}
