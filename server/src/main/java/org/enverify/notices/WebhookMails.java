package org.enverify.notices;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.enverify.account.Memberships;
import org.enverify.account.RealmMember;
import org.enverify.events.WebhookEndpointDisabled;
import org.enverify.mailoutbox.Mailer;
import org.enverify.realm.Permission;
import org.enverify.realm.Realm;
import org.enverify.realm.Realms;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells a realm's administrators (members who may change its settings) and its contact addresses that a
 * webhook endpoint was switched off, since their systems stop hearing of events until someone enables it.
 */
@Component
class WebhookMails {

    private static final int MEMBERS_PAGE = 500;

    private final Realms realms;
    private final Memberships memberships;
    private final Mailer mailer;
    private final MessageSource messages;

    WebhookMails(Realms realms, Memberships memberships, Mailer mailer, MessageSource messages) {
        this.realms = realms;
        this.memberships = memberships;
        this.mailer = mailer;
        this.messages = messages;
    }

    @EventListener
    void on(WebhookEndpointDisabled disabled) {
        Realm realm = realms.find(disabled.realm()).orElse(null);
        if (realm == null) {
            return;
        }
        Object[] arguments = {realm.name(), disabled.endpointId(), disabled.reason()};
        String subject = messages.getMessage("mail.webhookDisabled.subject", arguments, Locale.ENGLISH);
        String body = messages.getMessage("mail.webhookDisabled.body", arguments, Locale.ENGLISH);
        for (String address : recipients(realm)) {
            mailer.send(realm.id(), address, subject, body);
        }
    }

    private Set<String> recipients(Realm realm) {
        Set<String> addresses =
                new LinkedHashSet<>(realm.settings(ContactRealmSettings.class).contactEmailAddresses());
        for (int offset = 0; ; offset += MEMBERS_PAGE) {
            List<RealmMember> page = memberships.members(realm.id(), "", MEMBERS_PAGE, offset);
            page.stream()
                    .filter(member -> member.permissions().contains(Permission.SETTINGS_WRITE))
                    .forEach(member -> addresses.add(member.user().email()));
            if (page.size() < MEMBERS_PAGE) {
                return addresses;
            }
        }
    }
}
