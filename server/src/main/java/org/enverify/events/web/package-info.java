/** A realm administrator's webhook pages: endpoints, their secrets and their delivery logs. */
package org.enverify.events.web;
