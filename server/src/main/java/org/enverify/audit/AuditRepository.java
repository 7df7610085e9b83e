package org.enverify.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Audit chains (one head and checkpoint row each) and their entries. */
@Repository
class AuditRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS =
            "realm_id, seq, created_at, actor, action, target, diff::text AS diff, request_id";

    private final JdbcClient jdbc;

    AuditRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A chain's newest entry and what retention deleted: entries 1 to {@code prunedSeq}, the last with {@code prunedHash}. */
    record Chain(long chain, long lastSeq, String lastHash, long prunedSeq, String prunedHash) {}

    /** Locks the chain's head until the transaction ends, creating the chain on its first entry. */
    Chain lockHead(long chain) {
        jdbc.sql("""
                INSERT INTO audit_chains (realm_id, last_seq, last_hash, pruned_seq, pruned_hash)
                VALUES (?, 0, ?, 0, ?) ON CONFLICT (realm_id) DO NOTHING""").params(chain, EntryHash.GENESIS, EntryHash.GENESIS).update();
        return jdbc.sql("SELECT realm_id, last_seq, last_hash, pruned_seq, pruned_hash FROM audit_chains"
                        + " WHERE realm_id = ? FOR UPDATE")
                .param(chain)
                .query(AuditRepository::chain)
                .single();
    }

    /** Locks an existing chain's head until the transaction ends. */
    Optional<Chain> lockExistingHead(long chain) {
        return jdbc.sql("SELECT realm_id, last_seq, last_hash, pruned_seq, pruned_hash FROM audit_chains"
                        + " WHERE realm_id = ? FOR UPDATE")
                .param(chain)
                .query(AuditRepository::chain)
                .optional();
    }

    void append(AuditEntry entry, String previousHash, String hash) {
        jdbc.sql("""
                INSERT INTO audit_entries (realm_id, seq, created_at, actor, action, target, diff, previous_hash, hash,
                                           request_id)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)""")
                .params(
                        entry.chain(),
                        entry.seq(),
                        Timestamp.from(entry.createdAt()),
                        entry.actor(),
                        entry.action(),
                        entry.target(),
                        EntryHash.diffJson(entry.diff()),
                        previousHash,
                        hash,
                        entry.requestId())
                .update();
        jdbc.sql("UPDATE audit_chains SET last_seq = ?, last_hash = ? WHERE realm_id = ?")
                .params(entry.seq(), hash, entry.chain())
                .update();
    }

    /** Every chain that has a head or an entry; an entry without a head shows up as a chain with none. */
    List<Long> chainIds() {
        return jdbc.sql(
                        "SELECT realm_id FROM audit_chains UNION SELECT DISTINCT realm_id FROM audit_entries ORDER BY 1")
                .query(Long.class)
                .list();
    }

    Optional<Chain> head(long chain) {
        return jdbc.sql("SELECT realm_id, last_seq, last_hash, pruned_seq, pruned_hash FROM audit_chains"
                        + " WHERE realm_id = ?")
                .param(chain)
                .query(AuditRepository::chain)
                .optional();
    }

    /** A stored entry with the hashes it was stored with. */
    record StoredEntry(AuditEntry entry, String previousHash, String hash) {}

    /** The chain's entries after position {@code afterSeq} up to {@code throughSeq}, in order, at most {@code limit}. */
    List<StoredEntry> entries(long chain, long afterSeq, long throughSeq, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + ", previous_hash, hash FROM audit_entries"
                        + " WHERE realm_id = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?")
                .params(chain, afterSeq, throughSeq, limit)
                .query((rs, row) -> new StoredEntry(entry(rs), rs.getString("previous_hash"), rs.getString("hash")))
                .list();
    }

    /**
     * The last position of the chain's oldest run of entries created before {@code cutoff}: deleting
     * through it removes a prefix only, even when a clock once stepped back.
     */
    long prunableThrough(Chain chain, Instant cutoff) {
        return jdbc.sql("SELECT coalesce(min(seq) - 1, ?) FROM audit_entries"
                        + " WHERE realm_id = ? AND seq > ? AND created_at >= ?")
                .params(chain.lastSeq(), chain.chain(), chain.prunedSeq(), Timestamp.from(cutoff))
                .query(Long.class)
                .single();
    }

    Optional<String> hashOf(long chain, long seq) {
        return jdbc.sql("SELECT hash FROM audit_entries WHERE realm_id = ? AND seq = ?")
                .params(chain, seq)
                .query(String.class)
                .optional();
    }

    /** Moves the checkpoint, then deletes what it covers; the database refuses to delete anything it does not. */
    long prune(long chain, long throughSeq, String hash, Instant now) {
        jdbc.sql("UPDATE audit_chains SET pruned_seq = ?, pruned_hash = ?, pruned_at = ? WHERE realm_id = ?")
                .params(throughSeq, hash, Timestamp.from(now), chain)
                .update();
        return jdbc.sql("DELETE FROM audit_entries WHERE realm_id = ? AND seq <= ?")
                .params(chain, throughSeq)
                .update();
    }

    /**
     * Which entries of a chain a page shows; a null bound or name filters nothing.
     *
     * @param from the first instant shown
     * @param to the instant after the last one shown
     */
    record Filter(long chain, Instant from, Instant to, String actor, String action) {

        String where() {
            return "realm_id = :chain"
                    + (from == null ? "" : " AND created_at >= :from")
                    + (to == null ? "" : " AND created_at < :to")
                    + (actor == null ? "" : " AND actor = :actor")
                    + (action == null ? "" : " AND action = :action");
        }

        Map<String, Object> params() {
            Map<String, Object> params = new TreeMap<>();
            params.put("chain", chain);
            if (from != null) {
                params.put("from", Timestamp.from(from));
            }
            if (to != null) {
                params.put("to", Timestamp.from(to));
            }
            if (actor != null) {
                params.put("actor", actor);
            }
            if (action != null) {
                params.put("action", action);
            }
            return params;
        }
    }

    List<AuditEntry> page(Filter filter, boolean oldestFirst, long offset, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM audit_entries WHERE " + filter.where() + " ORDER BY seq"
                        + (oldestFirst ? "" : " DESC") + " OFFSET :offset LIMIT :limit")
                .params(filter.params())
                .param("offset", offset)
                .param("limit", limit)
                .query((rs, row) -> entry(rs))
                .list();
    }

    long count(Filter filter) {
        return jdbc.sql("SELECT count(*) FROM audit_entries WHERE " + filter.where())
                .params(filter.params())
                .query(Long.class)
                .single();
    }

    private static Chain chain(ResultSet rs, int row) throws SQLException {
        return new Chain(
                rs.getLong("realm_id"),
                rs.getLong("last_seq"),
                rs.getString("last_hash"),
                rs.getLong("pruned_seq"),
                rs.getString("pruned_hash"));
    }

    private static AuditEntry entry(ResultSet rs) throws SQLException {
        return new AuditEntry(
                rs.getLong("realm_id"),
                rs.getLong("seq"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getString("actor"),
                rs.getString("action"),
                rs.getString("target"),
                diff(rs.getString("diff")),
                rs.getString("request_id"));
    }

    private static SortedMap<String, AuditChange> diff(String json) {
        SortedMap<String, AuditChange> diff = new TreeMap<>();
        JsonNode root = JSON.readTree(json);
        for (Map.Entry<String, JsonNode> field : new ArrayList<>(root.properties())) {
            diff.put(
                    field.getKey(),
                    new AuditChange(
                            text(field.getValue().path("before")),
                            text(field.getValue().path("after"))));
        }
        return diff;
    }

    private static String text(JsonNode node) {
        return node.isNull() || node.isMissingNode() ? null : node.asString();
    }
}
