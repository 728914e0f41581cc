/**
 * JMH micro-benchmarks of Fairmark's hot pure code: canonical JSON, the trade rules (OIML R 87 short weight, mass
 * balance, grading), label parse and verify, and transaction signing. See bench/jmh/README.md for how to run them.
 */
package org.fairmark.bench.jmh;
