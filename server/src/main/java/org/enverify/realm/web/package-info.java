/**
 * The realm settings pages: a nested module, because they use the web shell ({@code ui}), which in turn
 * reads {@code realm}'s types; the realm itself never depends on its pages.
 */
@ApplicationModule
package org.enverify.realm.web;

import org.springframework.modulith.ApplicationModule;
