package org.enverify.stats.cli;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.enverify.platform.Actor;
import org.enverify.platform.Console;
import org.enverify.platform.cli.CliCommand;
import org.enverify.platform.cli.CommandArguments;
import org.enverify.platform.cli.CommandException;
import org.enverify.platform.cli.CommandGroup;
import org.enverify.realm.RealmId;
import org.enverify.realm.RealmNotFoundException;
import org.enverify.stats.keyserver.KeyServerStats;
import org.enverify.stats.keyserver.KeyServerStatsConfig;
import org.enverify.stats.keyserver.KeyServerStatsDay;
import org.springframework.stereotype.Component;

/** {@code keyserver enable|disable|show}: pulling a realm's publish statistics from its key server. */
@Component
@CommandGroup(name = "keyserver", usage = """
                  keyserver enable --realm ID [--url URL] [--audience AUD]
                      pulls the realm's publish statistics from its key server (default ENVERIFY_KEY_SERVER_URL,
                      audience ENVERIFY_KEY_SERVER_STATS_AUDIENCE); the key server must know the realm's certificate key
                  keyserver disable --realm ID
                  keyserver show --realm ID
                      the realm's settings and the days pulled in the last 30 days
                """)
class KeyServerCommands implements CliCommand {

    private final KeyServerStats stats;
    private final Console console;
    private final Clock clock;

    KeyServerCommands(KeyServerStats stats, Console console, Clock clock) {
        this.stats = stats;
        this.console = console;
        this.clock = clock;
    }

    @Override
    public int run(CommandArguments arguments) {
        RealmId realm = new RealmId(arguments.requireLong("realm"));
        try {
            switch (arguments.action()) {
                case "enable" -> {
                    stats.enable(
                            realm,
                            arguments.option("url").orElse(null),
                            arguments.option("audience").orElse(null),
                            Actor.cli());
                    show(realm);
                }
                case "disable" ->
                    console.println(
                            stats.disable(realm, Actor.cli())
                                    ? "realm " + realm + ": statistics are no longer pulled"
                                    : "realm " + realm + ": statistics were not pulled");
                case "show" -> show(realm);
                default -> throw new CommandException("Unknown keyserver action '" + arguments.action() + "'");
            }
        } catch (IllegalArgumentException | RealmNotFoundException e) {
            throw new CommandException(e.getMessage());
        }
        return 0;
    }

    private void show(RealmId realm) {
        KeyServerStatsConfig config = stats.config(realm).orElse(null);
        if (config == null) {
            console.println("realm " + realm + ": statistics are not pulled");
            return;
        }
        console.println("realm=" + realm);
        console.println("url=" + (config.urlOverride() == null ? "(ENVERIFY_KEY_SERVER_URL)" : config.urlOverride()));
        console.println("audience="
                + (config.audienceOverride() == null
                        ? "(ENVERIFY_KEY_SERVER_STATS_AUDIENCE)"
                        : config.audienceOverride()));
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        for (KeyServerStatsDay day : stats.days(realm, today.minusDays(30), today)) {
            console.println(day.day() + "\tpublishes="
                    + (day.publishRequestsUnknown() + day.publishRequestsAndroid() + day.publishRequestsIos())
                    + "\tkeys=" + day.totalTeksPublished() + "\trevisions="
                    + day.revisionRequests());
        }
    }
}
