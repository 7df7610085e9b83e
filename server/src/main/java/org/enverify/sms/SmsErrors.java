package org.enverify.sms;

import java.time.LocalDate;
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

    /** How many errors the realm had on the UTC day, leaving out the provider codes in {@code ignoredCodes}. */
    public long total(RealmId realm, LocalDate day, Set<String> ignoredCodes) {
        return repository.total(realm, day, ignoredCodes);
    }
}
