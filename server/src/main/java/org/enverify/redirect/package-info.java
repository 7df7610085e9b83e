/** App-link redirects, association files and the user-report web view (role {@code redirect}). */
package org.enverify.redirect;
