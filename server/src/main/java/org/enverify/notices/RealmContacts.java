package org.enverify.notices;

import java.util.Locale;
import org.enverify.mailoutbox.Mailer;
import org.enverify.realm.Realm;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Writes one mail to each of a realm's contact addresses, in the caller's transaction. */
@Component
class RealmContacts {

    private final Mailer mailer;
    private final MessageSource messages;

    RealmContacts(Mailer mailer, MessageSource messages) {
        this.mailer = mailer;
        this.messages = messages;
    }

    void tell(Realm realm, String message, Object... arguments) {
        Object[] withRealm = new Object[arguments.length + 1];
        withRealm[0] = realm.name();
        System.arraycopy(arguments, 0, withRealm, 1, arguments.length);
        String subject = messages.getMessage("mail." + message + ".subject", withRealm, Locale.ENGLISH);
        String body = messages.getMessage("mail." + message + ".body", withRealm, Locale.ENGLISH);
        for (String address : realm.settings(ContactRealmSettings.class).contactEmailAddresses()) {
            mailer.send(realm.id(), address, subject, body);
        }
    }
}
