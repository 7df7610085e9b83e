/**
 * App-link redirects and association files (role {@code redirect}); the user-report web view, on the same hosts,
 * is the user-report feature's.
 */
package org.enverify.redirect;
