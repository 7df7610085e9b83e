/**
 * The administration pages of the web UI that span features: a realm's settings for its
 * administrators, and the system administrator's realms, users, mail outbox and build information.
 */
package org.enverify.admin;
