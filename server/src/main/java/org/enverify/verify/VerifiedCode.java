package org.enverify.verify;

import java.time.LocalDate;
import org.enverify.realm.TestType;

/** What a phone learns when its code checks out, and the token to exchange for a certificate. */
public record VerifiedCode(TestType testType, LocalDate symptomDate, LocalDate testDate, String token) {}
