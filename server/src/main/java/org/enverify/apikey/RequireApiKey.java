package org.enverify.apikey;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On an {@link ApiCaller} controller parameter: the request must carry an enabled key of this type
 * in {@code X-API-Key}, of a realm that is not disabled, or it is refused with 401.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RequireApiKey {

    ApiKeyType value();
}
