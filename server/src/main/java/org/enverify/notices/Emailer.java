package org.enverify.notices;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.enverify.jobs.PeriodicTask;
import org.enverify.realm.Realm;
import org.enverify.realm.Realms;
import org.enverify.sms.SmsErrors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Mails a realm's contacts when the modeler flagged its claimed share as anomalous in the last day, and when its
 * SMS errors of the UTC day reach the threshold: each at most once per realm and day, recorded in
 * {@code realm_notices} in the transaction that writes the mails, so reruns and other workers send nothing twice.
 */
@Component
class Emailer implements PeriodicTask {

    private final Realms realms;
    private final SmsErrors smsErrors;
    // mail enqueues delivery jobs, and the job platform is built from the periodic tasks: resolved on use
    private final ObjectProvider<RealmContacts> contacts;
    private final EmailerSettings settings;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    Emailer(
            Realms realms,
            SmsErrors smsErrors,
            ObjectProvider<RealmContacts> contacts,
            EmailerSettings settings,
            JdbcClient jdbc,
            TransactionTemplate transactions) {
        this.realms = realms;
        this.smsErrors = smsErrors;
        this.contacts = contacts;
        this.settings = settings;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public String name() {
        return "emailer";
    }

    @Override
    public String defaultSchedule() {
        return "FIXED_DELAY|PT1H";
    }

    @Override
    public String run(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        int anomalies = 0;
        int smsErrorMails = 0;
        for (Realm realm : realms.list()) {
            if (realm.disabled()
                    || realm.settings(ContactRealmSettings.class)
                            .contactEmailAddresses()
                            .isEmpty()) {
                continue;
            }
            boolean anomalous = realms.claimRatio(realm.id())
                    .filter(ratio -> ratio.anomalous() && ratio.modeledAt().isAfter(now.minus(Duration.ofDays(1))))
                    .isPresent();
            if (anomalous && notify(realm, today, "anomaly", now)) {
                anomalies++;
            }
            long errors = smsErrors.total(realm.id(), today, settings.smsIgnoredErrorCodes());
            if (errors >= settings.smsErrorThreshold() && notify(realm, today, "smsErrors", now, errors)) {
                smsErrorMails++;
            }
        }
        return anomalies + " anomaly mails, " + smsErrorMails + " SMS error mails";
    }

    private boolean notify(Realm realm, LocalDate day, String kind, Instant now, Object... arguments) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            boolean first = jdbc.sql("""
                            INSERT INTO realm_notices (realm_id, day, kind, sent_at) VALUES (?, ?, ?, ?)
                            ON CONFLICT DO NOTHING""")
                            .params(realm.id().value(), day, kind, Timestamp.from(now))
                            .update()
                    == 1;
            if (first) {
                Object[] withDay = new Object[arguments.length + 1];
                withDay[0] = day;
                System.arraycopy(arguments, 0, withDay, 1, arguments.length);
                contacts.getObject().tell(realm, kind, withDay);
            }
            return first;
        }));
    }
}
