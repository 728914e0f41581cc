package org.fairmark.client;

/**
 * A logistics company: accepts packages handed over to it and hands them over to the next holder.
 *
 * <pre>{@code
 * client.carrier().accept(new Requests.Accept(null, List.of(new Requests.PackageRef(gtin, lot, "P0001"))));
 * client.carrier().handOver(new Requests.HandOver(null, refs, "MarketMSP", null));
 * }</pre>
 */
public interface Carrier extends CustodyHolder {}
