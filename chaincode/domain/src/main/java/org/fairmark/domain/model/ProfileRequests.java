package org.fairmark.domain.model;

/** The requests of the {@code profile} contract. */
public final class ProfileRequests {
    private ProfileRequests() {}

    /**
     * Creates or changes the profile of the submitter's own organization; only an administrator identity of that
     * organization may submit it.
     */
    public record SetProfile(String requestId, String nameZh, String nameEn, String socialCreditCode, String countyCode,
            OrgKind kind) implements Requests.Write {}

    /** Names an organization by MSP id. */
    public record OrgRef(String org) {}

    /**
     * The public overview of an organization.
     *
     * @param limit how many recent batches, inspections and rulings, 1..50 ({@code null}: 20)
     */
    public record OverviewRef(String org, Long limit) {}

    /** One page of all profiles, in MSP id order. */
    public record ProfilePage(Long pageSize, String bookmark) {}
}
