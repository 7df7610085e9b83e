package org.enverify.management.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.enverify.realm.Permission;

/**
 * On a {@link RealmCaller} parameter of a management API handler: the permissions the caller's token must
 * grant ({@code enverify:<Permission>}); without one of them the request is refused with 403
 * {@code insufficient_scope} before the handler runs. The realm is the path's {@code {realmId}}.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RequireScope {

    Permission[] value();
}
