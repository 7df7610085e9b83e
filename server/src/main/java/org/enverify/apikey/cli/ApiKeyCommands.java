package org.enverify.apikey.cli;

import java.util.Locale;
import org.enverify.apikey.ApiKeySummary;
import org.enverify.apikey.ApiKeyType;
import org.enverify.apikey.ApiKeys;
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

/** {@code apikey create|list|disable|enable}. */
@Component
@CommandGroup(name = "apikey", usage = """
                  apikey create --realm ID --type admin|device|stats --name NAME
                      prints only the new key on standard output; it is shown this once
                  apikey list --realm ID
                  apikey disable KEYID
                  apikey enable KEYID
                """)
class ApiKeyCommands implements CliCommand {

    private final ApiKeys apiKeys;
    private final Console console;

    ApiKeyCommands(ApiKeys apiKeys, Console console) {
        this.apiKeys = apiKeys;
        this.console = console;
    }

    @Override
    public int run(CommandArguments arguments) {
        try {
            switch (arguments.action()) {
                case "create" ->
                    console.println(apiKeys.create(
                                    new RealmId(arguments.requireLong("realm")),
                                    type(arguments.requireOption("type")),
                                    arguments.requireOption("name"),
                                    Actor.cli())
                            .key());
                case "list" ->
                    apiKeys.list(new RealmId(arguments.requireLong("realm"))).forEach(this::print);
                case "disable" -> {
                    ApiKeySummary key = named(arguments);
                    print(apiKeys.disable(key.realm(), key.id(), Actor.cli()));
                }
                case "enable" -> {
                    ApiKeySummary key = named(arguments);
                    print(apiKeys.enable(key.realm(), key.id(), Actor.cli()));
                }
                default -> throw new CommandException("Unknown apikey action '" + arguments.action() + "'");
            }
            return 0;
        } catch (IllegalArgumentException | RealmNotFoundException | Refusal e) {
            throw new CommandException(e.getMessage());
        }
    }

    private void print(ApiKeySummary key) {
        console.println(key.id() + "\t" + key.type().name().toLowerCase(Locale.ROOT) + "\t" + key.name() + "\t"
                + key.preview() + "…\t" + (key.enabled() ? "enabled" : "disabled"));
    }

    private static ApiKeyType type(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "admin" -> ApiKeyType.ADMIN;
            case "device" -> ApiKeyType.DEVICE;
            case "stats" -> ApiKeyType.STATS;
            default -> throw new CommandException("--type must be admin, device or stats");
        };
    }

    /** The key the operator names by id alone; the key tells its realm. */
    private ApiKeySummary named(CommandArguments arguments) {
        long keyId = keyId(arguments);
        return apiKeys.findAcrossRealms(keyId)
                .orElseThrow(() -> new IllegalArgumentException("There is no API key " + keyId));
    }

    private static long keyId(CommandArguments arguments) {
        if (arguments.positionals().isEmpty()) {
            throw new CommandException("A key id is required");
        }
        return CommandArguments.parseId(arguments.positionals().get(0), "The key id");
    }
}
