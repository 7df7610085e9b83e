package org.enverify.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A repository method on a realm-owned table that takes no realm on purpose: it works on every realm's
 * rows (retention, a worker's sweep) or finds a row by a secret that is unique across realms. Every
 * other such method takes the realm, so that no caller's check is all that keeps realms apart.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AcrossRealms {

    /** Why the method spans realms. */
    String value();
}
