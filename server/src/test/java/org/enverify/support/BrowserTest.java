package org.enverify.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A class of tests in headless Chromium, run alone with {@code ./mvnw -pl server test -Dgroups=browser}. The class
 * is skipped, before its application starts, when Debian's {@code chromium} or {@code chromium-driver} is missing.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag("browser")
@ExtendWith(Browser.RequireChromium.class)
public @interface BrowserTest {}
