/**
 * App sync: reads the published feed of exposure notification apps and copies each region's agency
 * branding and translations to the realm with that region code. Mobile app rows from the feed wait
 * for the mobile-app feature.
 */
package org.enverify.appsync;
