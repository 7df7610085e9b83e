/** The shared shape of the device and admin APIs: strict JSON bodies, errors, padding, timestamps. */
@org.springframework.modulith.NamedInterface("api")
package org.enverify.platform.api;
