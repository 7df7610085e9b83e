/** The web shell's own page: what a UI process runs on. */
package org.enverify.ui.web;
