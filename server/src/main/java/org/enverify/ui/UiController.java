package org.enverify.ui;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.stereotype.Controller;

/**
 * A controller of web UI pages: its requests are signed in (unless the security chain lets them
 * through), rate limited per user, and checked for {@link RequirePermission} and {@link SystemAdminOnly};
 * its handlers may take a {@link UiContext}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Controller
public @interface UiController {}
