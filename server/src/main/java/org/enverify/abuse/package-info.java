/** Abuse prevention: the realm's daily issuing quota (and later the modeler and rate limiting policy). */
package org.enverify.abuse;
