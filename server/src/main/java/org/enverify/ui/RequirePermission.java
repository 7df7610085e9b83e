package org.enverify.ui;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.enverify.realm.Permission;

/**
 * A web UI page or action for members of the selected realm who hold the permission, or every one of the
 * permissions when it names several. Checked on the server for every request, whatever the page showed; on a
 * class it applies to methods without their own.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RequirePermission {
    Permission[] value();
}
