package org.enverify.platform.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller of the management API ({@code /api/v1/...}, docs/management-api.md): its errors are
 * rendered as the envelope's error object, {@code {"status":"error","error":{...}}}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ManagementApi {}
