package org.enverify.sms;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.enverify.realm.RealmId;
import org.springframework.stereotype.Service;

/** The SMS errors Twilio reported for a realm, for those who watch over it. */
@Service
public class SmsErrors {

    private final SmsErrorRepository repository;

    SmsErrors(SmsErrorRepository repository) {
        this.repository = repository;
    }

    /** How many SMS errors with one provider code a realm had on one UTC day. */
    public record DayCount(LocalDate day, String errorCode, long quantity) {}

    /** The realm's error counts from {@code from} to {@code to} inclusive; days and codes without errors have none. */
    public List<DayCount> days(RealmId realm, LocalDate from, LocalDate to) {
        return repository.days(realm, from, to);
    }

    /** How many errors the realm had on the UTC day, leaving out the provider codes in {@code ignoredCodes}. */
    public long total(RealmId realm, LocalDate day, Set<String> ignoredCodes) {
        return repository.total(realm, day, ignoredCodes);
    }
}
