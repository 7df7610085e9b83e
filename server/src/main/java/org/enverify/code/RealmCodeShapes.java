package org.enverify.code;

import org.enverify.realm.Realm;
import org.enverify.sms.CodeShapes;
import org.springframework.stereotype.Component;

@Component
class RealmCodeShapes implements CodeShapes {

    @Override
    public Shape of(Realm realm) {
        CodeRealmSettings codes = realm.settings(CodeRealmSettings.class);
        return new Shape(codes.codeLength(), codes.codeDuration(), codes.longCodeLength(), codes.longCodeDuration());
    }
}
