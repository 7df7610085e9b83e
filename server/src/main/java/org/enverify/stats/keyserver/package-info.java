/** Publish statistics pulled from each realm's key server, authenticated with the realm's certificate key. */
package org.enverify.stats.keyserver;
