package org.enverify.mailoutbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

final class MailRows {

    private MailRows() {}

    static OutboxMail map(ResultSet row, int number) throws SQLException {
        long realm = row.getLong("realm_id");
        Long realmId = row.wasNull() ? null : realm;
        Timestamp sent = row.getTimestamp("sent_at");
        return new OutboxMail(
                row.getLong("id"),
                realmId,
                row.getString("recipient"),
                row.getString("subject"),
                row.getString("body"),
                row.getTimestamp("created_at").toInstant(),
                sent == null ? null : sent.toInstant());
    }
}
