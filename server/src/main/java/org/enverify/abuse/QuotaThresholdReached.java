package org.enverify.abuse;

import java.time.LocalDate;
import org.enverify.realm.Realm;

/**
 * Today's codes reached {@code percent} (70 or 90) of the realm's quota; published once per threshold, realm and
 * day, inside the transaction that issued the code.
 */
public record QuotaThresholdReached(Realm realm, LocalDate day, int percent, int used, int quota) {}
