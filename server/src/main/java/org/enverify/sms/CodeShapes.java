package org.enverify.sms;

import java.time.Duration;
import org.enverify.realm.Realm;

/**
 * What SMS texts need to know of a realm's codes, to fill them in and to check a template's length. The
 * code feature owns those settings and sends its SMS through this one, so it answers.
 */
public interface CodeShapes {

    Shape of(Realm realm);

    record Shape(int codeLength, Duration codeDuration, int longCodeLength, Duration longCodeDuration) {}
}
