/**
 * App sync: reads the published feed of exposure notification apps and copies each region's Android apps, agency
 * branding and translations to the realm with that region code.
 */
package org.enverify.appsync;
