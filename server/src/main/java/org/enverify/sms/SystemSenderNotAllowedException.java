package org.enverify.sms;

import org.enverify.realm.RealmId;

/** A realm asked for the system Twilio account although no system administrator allowed it that. */
public class SystemSenderNotAllowedException extends IllegalArgumentException {

    SystemSenderNotAllowedException(RealmId realm) {
        super("Realm " + realm + " may not use the system SMS account: a system administrator sets"
                + " can_use_system_sms_config=true first");
    }
}
