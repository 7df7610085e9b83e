package org.enverify.ui;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A destructive or privilege-changing action that runs only once the person confirmed it. A post without
 * {@code confirmed=yes} runs nothing and answers a page that asks, with the action's consequences and a button
 * that posts the same fields again, confirmed; with JavaScript, the form of {@code fragments/confirm :: button}
 * asks in a dialog first and posts confirmed. The texts are the message keys {@code confirm.<value>.question}
 * (with the subject the form posts as {@code confirmSubject} as its argument), {@code confirm.<value>.consequence}
 * and {@code confirm.<value>.yes}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Confirm {

    /** The action's name among the {@code confirm.*} message keys, such as {@code users.delete}. */
    String value();
}
