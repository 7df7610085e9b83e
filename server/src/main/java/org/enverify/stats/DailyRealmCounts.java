package org.enverify.stats;

import java.time.LocalDate;

/** One realm's totals for one UTC day. */
public record DailyRealmCounts(
        LocalDate day,
        long codesIssued,
        long codesClaimed,
        long codesInvalid,
        long tokensClaimed,
        long tokensInvalid) {}
