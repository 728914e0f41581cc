package org.fairmark.domain.model;

/** The outcome of an inspection. */
public enum Verdict {
    PASS,
    FAIL
}
