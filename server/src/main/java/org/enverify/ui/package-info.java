/**
 * The web shell every feature's pages use: the controller annotation, the per-request {@link
 * org.enverify.ui.UiContext} with its {@link org.enverify.ui.Viewer}, the permission annotations and form
 * errors. The templates' layout and form fragments live in {@code templates/fragments}.
 */
package org.enverify.ui;
