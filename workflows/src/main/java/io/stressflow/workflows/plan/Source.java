package io.stressflow.workflows.plan;

/**
 * Where a number in a plan comes from. Standards are paywalled and tailored per customer, so every
 * preset states its source, edition and how sure we are of it.
 *
 * @param standard e.g. {@code Telcordia GR-468-CORE}.
 * @param edition e.g. {@code Issue 2 (2004-09)}.
 * @param clause the clause or table, if known.
 * @param confidence {@code V} verified in a public source, {@code P} partly verified, {@code U}
 *     unverified industry practice.
 * @param note what to check before relying on it.
 */
public record Source(
    String standard, String edition, String clause, String confidence, String note) {}
