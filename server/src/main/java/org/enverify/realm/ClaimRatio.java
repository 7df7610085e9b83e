package org.enverify.realm;

import java.time.Instant;

/**
 * What the modeler learned about the share of a realm's issued codes that get claimed: the latest
 * day's ratio, the mean and population standard deviation of the days before it, and whether the
 * latest day fell so far under the mean that it looks like abuse or a broken integration.
 */
public record ClaimRatio(double last, double mean, double stddev, boolean anomalous, Instant modeledAt) {}
