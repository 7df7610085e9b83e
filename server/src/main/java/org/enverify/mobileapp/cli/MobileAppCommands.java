package org.enverify.mobileapp.cli;

import org.enverify.mobileapp.MobileApp;
import org.enverify.mobileapp.MobileApps;
import org.enverify.mobileapp.NewMobileApp;
import org.enverify.platform.Actor;
import org.enverify.platform.Console;
import org.enverify.platform.Refusal;
import org.enverify.platform.cli.CliCommand;
import org.enverify.platform.cli.CommandArguments;
import org.enverify.platform.cli.CommandException;
import org.enverify.platform.cli.CommandGroup;
import org.enverify.realm.RealmId;
import org.enverify.realm.RealmNotFoundException;
import org.springframework.stereotype.Component;

/** {@code mobileapp add|list|disable}. */
@Component
@CommandGroup(name = "mobileapp", usage = """
                  mobileapp add --realm ID --name NAME --os ios|android --app-id APPID [--url URL]
                          [--sha256 FINGERPRINT]... [--disable-redirect]
                      prints the new app's ID (what disable takes); APPID is TEAMID.bundle.id on iOS and the
                      package name on Android; an Android app needs its signing certificates' SHA-256
                      fingerprints, one --sha256 each
                  mobileapp list --realm ID
                  mobileapp disable ID
                """)
class MobileAppCommands implements CliCommand {

    private final MobileApps apps;
    private final Console console;

    MobileAppCommands(MobileApps apps, Console console) {
        this.apps = apps;
        this.console = console;
    }

    @Override
    public int run(CommandArguments arguments) {
        try {
            switch (arguments.action()) {
                case "add" -> add(arguments);
                case "list" ->
                    apps.list(new RealmId(arguments.requireLong("realm"))).forEach(this::print);
                case "disable" -> {
                    long id = id(arguments);
                    MobileApp app = apps.findAcrossRealms(id)
                            .orElseThrow(() -> new IllegalArgumentException("There is no mobile app " + id));
                    print(apps.disable(app.realm(), app.id(), Actor.cli()));
                }
                default -> throw new CommandException("Unknown mobileapp action '" + arguments.action() + "'");
            }
            return 0;
        } catch (Refusal e) {
            throw new CommandException("Refused: " + e.getMessage());
        } catch (IllegalArgumentException | RealmNotFoundException e) {
            throw new CommandException(e.getMessage());
        }
    }

    private void add(CommandArguments arguments) {
        RealmId realm = new RealmId(arguments.requireLong("realm"));
        MobileApp app = apps.add(
                realm,
                new NewMobileApp(
                        arguments.requireOption("name"),
                        arguments.requireOption("os"),
                        arguments.requireOption("app-id"),
                        arguments.option("url").orElse(null),
                        arguments.options("sha256"),
                        arguments.flag("disable-redirect")),
                Actor.cli());
        console.println(Long.toString(app.id()));
    }

    /** One app per line, tab-separated: id, os, name, app id, store link, redirect, state, fingerprints. */
    private void print(MobileApp app) {
        console.println(String.join(
                "\t",
                Long.toString(app.id()),
                app.os().displayName(),
                app.name(),
                app.appId(),
                app.url() == null ? "-" : app.url(),
                app.disableRedirect() ? "no-redirect" : "redirect",
                app.enabled() ? "enabled" : "disabled",
                String.join(",", app.sha256Fingerprints())));
    }

    private static long id(CommandArguments arguments) {
        if (arguments.positionals().isEmpty()) {
            throw new CommandException("The id of the app (from mobileapp list) is required");
        }
        return CommandArguments.parseId(arguments.positionals().get(0), "The id");
    }
}
