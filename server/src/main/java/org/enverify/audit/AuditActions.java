package org.enverify.audit;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The actions the audit trail records, by the id an entry stores ({@code apikey.disable}): what a reader may
 * filter by. Each has its name for people, {@code audit.action.<id>} in the message files, which the audit page
 * shows.
 */
public final class AuditActions {

    private static final Set<String> KNOWN = Set.of(
            "apikey.create",
            "apikey.disable",
            "apikey.enable",
            "apikey.update",
            "certificate_key.activate",
            "certificate_key.create",
            "certificate_key.destroy",
            "code.expire",
            "hmac_key.rotate",
            "keyserver.disable",
            "keyserver.enable",
            "mail.configure",
            "mail.reveal",
            "mail.system-smtp",
            "membership.create",
            "membership.delete",
            "membership.update",
            "mobileapp.create",
            "mobileapp.disable",
            "mobileapp.update",
            "quota.burst",
            "realm.branding",
            "realm.create",
            "realm.update",
            "sms.configure",
            "sms.system-account",
            "sms.template.remove",
            "sms.template.save",
            "sms_key.activate",
            "sms_key.create",
            "sms_key.disable",
            "token_key.rotate",
            "user.delete",
            "user.revoke_sessions",
            "user.system_admin",
            "user_report.purge",
            "webhook.create",
            "webhook.delete",
            "webhook.disable",
            "webhook.enable",
            "webhook.redeliver",
            "webhook.rotate_secret");

    private AuditActions() {}

    public static boolean isKnown(String action) {
        return action != null && KNOWN.contains(action);
    }

    /** Every action, sorted. */
    public static List<String> all() {
        return List.copyOf(new TreeSet<>(KNOWN));
    }
}
