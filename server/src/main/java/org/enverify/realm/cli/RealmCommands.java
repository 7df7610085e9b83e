package org.enverify.realm.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.enverify.platform.Actor;
import org.enverify.platform.Console;
import org.enverify.platform.cli.CliCommand;
import org.enverify.platform.cli.CommandArguments;
import org.enverify.platform.cli.CommandException;
import org.enverify.platform.cli.CommandGroup;
import org.enverify.realm.AgencyBranding;
import org.enverify.realm.Realm;
import org.enverify.realm.RealmBranding;
import org.enverify.realm.RealmId;
import org.enverify.realm.RealmNotFoundException;
import org.enverify.realm.RealmSettingDeclaration;
import org.enverify.realm.RealmSettingsCatalog;
import org.enverify.realm.RealmSettingsRefused;
import org.enverify.realm.Realms;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** {@code realm create|list|show|set}. */
@Component
@CommandGroup(name = "realm", usage = """
                  realm create --name NAME [--region CODE] [--realm-key [--issuer ISS] [--audience AUD]]
                      creates a realm and prints its id
                  realm list
                  realm show ID
                      settings, then what the modeler and app sync stored
                  realm set ID setting=value ...
                      changes settings (realm settings lists them; their rules are in docs/operators.md)
                  realm settings
                      every realm setting with what it takes
                """)
class RealmCommands implements CliCommand {

    static final String DEFAULT_AUDIENCE = "exposure-notifications-server";

    private final Realms realms;
    private final RealmBranding branding;
    private final Console console;
    private final RealmSettingsCatalog settings;
    private final MessageSource messages;

    RealmCommands(
            Realms realms,
            RealmBranding branding,
            Console console,
            RealmSettingsCatalog settings,
            MessageSource messages) {
        this.realms = realms;
        this.branding = branding;
        this.console = console;
        this.settings = settings;
        this.messages = messages;
    }

    @Override
    public int run(CommandArguments arguments) {
        try {
            switch (arguments.action()) {
                case "create" -> create(arguments);
                case "list" ->
                    realms.list()
                            .forEach(realm -> console.println(realm.id() + "\t" + realm.name() + "\t"
                                    + (realm.regionCode() == null ? "" : realm.regionCode())));
                case "show" -> show(realmId(arguments));
                case "set" -> set(arguments);
                case "settings" -> listSettings();
                default -> throw new CommandException("Unknown realm action '" + arguments.action() + "'");
            }
            return 0;
        } catch (RealmSettingsRefused e) {
            throw new CommandException("Refused: " + e.getMessage());
        } catch (RealmNotFoundException e) {
            throw new CommandException(e.getMessage());
        }
    }

    private void listSettings() {
        for (RealmSettingsCatalog.Section section : settings.sections()) {
            for (RealmSettingDeclaration<?, ?> setting : section.settings()) {
                console.println(setting.name() + "\t" + messages.getMessage(setting.helpKey(), null, Locale.ROOT));
            }
        }
    }

    private void create(CommandArguments arguments) {
        Map<String, String> settings = new LinkedHashMap<>();
        arguments.option("region").ifPresent(region -> settings.put("region_code", region));
        Realm realm = realms.create(arguments.requireOption("name"), settings, Actor.cli());
        if (arguments.flag("realm-key")) {
            String issuer = arguments.option("issuer").filter(s -> !s.isBlank()).orElse("enverify-realm-" + realm.id());
            realm = realms.update(
                    realm.id(),
                    Map.of(
                            "certificate_issuer",
                            issuer,
                            "certificate_audience",
                            arguments
                                    .option("audience")
                                    .filter(s -> !s.isBlank())
                                    .orElse(DEFAULT_AUDIENCE),
                            "use_realm_certificate_key",
                            "true"),
                    Actor.cli());
        }
        console.println(realm.id().toString());
    }

    private void show(RealmId id) {
        Realm realm = realms.find(id).orElseThrow(() -> new RealmNotFoundException(id));
        console.println("id=" + realm.id());
        settings.describe(realm).forEach((name, value) -> console.println(name + "=" + value));
        realms.claimRatio(id).ifPresent(ratio -> {
            console.println(String.format(Locale.ROOT, "last_codes_claimed_ratio=%.4f", ratio.last()));
            console.println(String.format(Locale.ROOT, "codes_claimed_ratio_mean=%.4f", ratio.mean()));
            console.println(String.format(Locale.ROOT, "codes_claimed_ratio_stddev=%.4f", ratio.stddev()));
            console.println("codes_claimed_ratio_anomaly=" + ratio.anomalous());
            console.println("codes_claimed_ratio_modeled_at=" + ratio.modeledAt());
        });
        AgencyBranding agency = branding.branding(id);
        showIfSet("agency_background_color", agency.backgroundColor());
        showIfSet("agency_image", agency.image());
        showIfSet("default_locale", agency.defaultLocale());
        showIfSet("user_report_learn_more_url", agency.learnMoreUrl());
    }

    private void showIfSet(String name, String value) {
        if (value != null) {
            console.println(name + "=" + value);
        }
    }

    private void set(CommandArguments arguments) {
        if (arguments.positionals().size() < 2) {
            throw new CommandException("realm set needs a realm id and at least one setting=value");
        }
        RealmId id =
                new RealmId(CommandArguments.parseId(arguments.positionals().get(0), "The realm id"));
        Map<String, String> settings = new LinkedHashMap<>();
        for (String pair :
                arguments.positionals().subList(1, arguments.positionals().size())) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new CommandException("'" + pair + "' is not setting=value");
            }
            settings.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        realms.update(id, settings, Actor.cli());
        show(id);
    }

    private static RealmId realmId(CommandArguments arguments) {
        if (arguments.positionals().isEmpty()) {
            throw new CommandException("A realm id is required");
        }
        return new RealmId(CommandArguments.parseId(arguments.positionals().get(0), "The realm id"));
    }
}
