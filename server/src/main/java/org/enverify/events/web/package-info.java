/** A realm administrator's webhook pages: endpoints, their secrets and their delivery logs; a nested module like every feature's pages. */
@ApplicationModule
package org.enverify.events.web;

import org.springframework.modulith.ApplicationModule;
