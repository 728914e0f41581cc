package org.fairmark.domain.model;

/** One completed hand-over of a package: from whom, to whom, when handed over and when accepted. */
public record CustodyHop(
        String gtin,
        String serial,
        String fromOrg,
        String fromId,
        String toOrg,
        String toId,
        String handedOverAt,
        String handOverTxId,
        String acceptedAt,
        String acceptTxId) {}
