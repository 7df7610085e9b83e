/** The demo realm: one command gives a newcomer keys and a walkthrough of the protocol. */
package org.enverify.demo;
