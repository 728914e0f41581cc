package org.fairmark.domain.model;

/** What kind of organization a profile describes. */
public enum OrgKind {
    /** A farmers' cooperative or village e-commerce station (农民专业合作社). */
    COOPERATIVE,
    /** A grading and packing station (分级包装站). */
    PACKING_STATION,
    /** A county quality inspection bureau (检验检测机构). */
    INSPECTION_BUREAU,
    /** A logistics company (物流企业). */
    CARRIER,
    /** A market, wholesaler or platform shop (市场/平台店铺). */
    MARKET
}
