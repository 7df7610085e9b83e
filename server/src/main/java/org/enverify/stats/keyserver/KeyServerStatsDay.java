package org.enverify.stats.keyserver;

import java.time.LocalDate;
import java.util.List;

/**
 * One UTC day of a realm's successful publish requests, as the key server counts them.
 *
 * @param tekAgeDistribution uploads by the age in days of their oldest key; the last entry counts older ones
 * @param onsetToUploadDistribution uploads by days from symptom onset; the last entry counts later ones
 */
public record KeyServerStatsDay(
        LocalDate day,
        long publishRequestsUnknown,
        long publishRequestsAndroid,
        long publishRequestsIos,
        long totalTeksPublished,
        long revisionRequests,
        List<Long> tekAgeDistribution,
        List<Long> onsetToUploadDistribution,
        long requestsMissingOnsetDate) {

    /** Publish requests from every platform. */
    public long totalPublishRequests() {
        return publishRequestsUnknown + publishRequestsAndroid + publishRequestsIos;
    }
}
