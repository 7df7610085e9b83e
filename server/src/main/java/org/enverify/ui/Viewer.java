package org.enverify.ui;

/** The signed-in person a page is rendered for: what the shell and the pages show and check of them. */
public record Viewer(
        long id, String email, String name, boolean systemAdmin, boolean emailVerified, boolean mustChangePassword) {}
