package org.enverify.management.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a {@link org.enverify.platform.ListQuery} parameter of a management API list: the orders it offers by
 * name ({@code ?sort=name}, {@code ?sort=-name} for descending), the first of which is its default: descending
 * (newest first), unless {@link #descending} says otherwise. {@code ?page} counts from 1, {@code ?limit} is 1 to {@value #MAX_LIMIT}, {@value
 * #DEFAULT_LIMIT} by default; anything else is refused with 400.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Paging {

    int DEFAULT_LIMIT = 50;
    int MAX_LIMIT = 200;

    String[] sorts();

    /** Whether the default order is descending; false for a list of named things that reads best by name. */
    boolean descending() default true;
}
