package org.enverify.abuse.cli;

import org.enverify.abuse.AbuseRealmSettings;
import org.enverify.abuse.RealmQuota;
import org.enverify.platform.Actor;
import org.enverify.platform.Console;
import org.enverify.platform.cli.CliCommand;
import org.enverify.platform.cli.CommandArguments;
import org.enverify.platform.cli.CommandException;
import org.enverify.platform.cli.CommandGroup;
import org.enverify.realm.Realm;
import org.enverify.realm.RealmId;
import org.enverify.realm.Realms;
import org.springframework.stereotype.Component;

/** {@code quota show|burst}: a realm's daily issuing quota. */
@Component
@CommandGroup(name = "quota", usage = """
                  quota show REALM
                      today's issuing quota and what is left of it
                  quota burst REALM AMOUNT
                      allows AMOUNT more codes today
                """)
class QuotaCommands implements CliCommand {

    private final RealmQuota quota;
    private final Realms realms;
    private final Console console;

    QuotaCommands(RealmQuota quota, Realms realms, Console console) {
        this.quota = quota;
        this.realms = realms;
        this.console = console;
    }

    @Override
    public int run(CommandArguments arguments) {
        if (arguments.positionals().isEmpty()) {
            throw new CommandException("A realm id is required");
        }
        RealmId id =
                new RealmId(CommandArguments.parseId(arguments.positionals().get(0), "The realm id"));
        switch (arguments.action()) {
            case "show" -> show(id);
            case "burst" -> {
                if (arguments.positionals().size() < 2) {
                    throw new CommandException("quota burst needs an amount");
                }
                try {
                    quota.addBurst(
                            realm(id).id(),
                            (int) CommandArguments.parseId(
                                    arguments.positionals().get(1), "The amount"),
                            Actor.cli());
                } catch (IllegalArgumentException e) {
                    throw new CommandException(e.getMessage());
                }
                show(id);
            }
            default -> throw new CommandException("Unknown quota action '" + arguments.action() + "'");
        }
        return 0;
    }

    private void show(RealmId id) {
        Realm realm = realm(id);
        console.println("abuse_prevention_enabled="
                + realm.settings(AbuseRealmSettings.class).abusePreventionEnabled());
        console.println(
                "daily_quota=" + realm.settings(AbuseRealmSettings.class).dailyQuota());
        console.println("remaining_today="
                + (realm.settings(AbuseRealmSettings.class).abusePreventionEnabled()
                        ? quota.remaining(realm)
                        : "unlimited"));
    }

    private Realm realm(RealmId id) {
        return realms.find(id).orElseThrow(() -> new CommandException("There is no realm " + id));
    }
}
