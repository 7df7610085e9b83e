/**
 * People who sign in to the web UI: accounts, passwords, sessions, realm memberships with their
 * permissions, invitations, email verification and password reset.
 */
package org.enverify.account;
