package org.enverify.notices;

import org.enverify.abuse.QuotaThresholdReached;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells a realm's contacts when the day's codes reach 70 and 90 percent of its quota. */
@Component
class QuotaMails {

    private final RealmContacts contacts;

    QuotaMails(RealmContacts contacts) {
        this.contacts = contacts;
    }

    /** Runs inside the issuing transaction, so the mails exist exactly when the code that crossed does. */
    @EventListener
    void on(QuotaThresholdReached reached) {
        contacts.tell(reached.realm(), "quota", reached.percent(), reached.used(), reached.quota(), reached.day());
    }
}
