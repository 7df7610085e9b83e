package org.enverify.code.bulk;

import java.time.Instant;
import java.util.UUID;

/** Where a bulk issue stands: its state and how many of its rows are pending, issued or failed. */
public record BulkStatus(
        UUID id,
        String fileName,
        String status,
        int totalRows,
        int pending,
        int issued,
        int failed,
        Instant createdAt,
        Instant finishedAt) {}
