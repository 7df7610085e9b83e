/** Abuse prevention: the realm's daily issuing quota and the modeler that sets it from the realm's trend. */
package org.enverify.abuse;
