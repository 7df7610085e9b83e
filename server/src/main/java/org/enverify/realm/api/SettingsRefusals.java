package org.enverify.realm.api;

import org.enverify.platform.Refusal;
import org.enverify.platform.api.ApiException;
import org.enverify.platform.api.ErrorCode;
import org.enverify.realm.RealmSettingsRefused;

/** A refused change of settings as the management API answers it: 400 about the first refused setting, naming all. */
final class SettingsRefusals {

    private SettingsRefusals() {}

    static ApiException of(RealmSettingsRefused refused) {
        Refusal first = refused.refusals().getFirst();
        return ApiException.badRequest(ErrorCode.UNPARSABLE_REQUEST, refused.getMessage())
                .about(first.field().orElseThrow());
    }
}
