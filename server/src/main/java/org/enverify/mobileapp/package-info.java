/** A realm's phone apps: identities, store links and signing certificates, for app links and association files. */
package org.enverify.mobileapp;
