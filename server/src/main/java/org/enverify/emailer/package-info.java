/**
 * Mail to a realm's contact addresses ({@code contact_email_addresses}): daily when the modeler flags an anomaly
 * or SMS errors pass a threshold, and when the day's codes reach 70 and 90 percent of the realm's quota.
 */
package org.enverify.emailer;
