package org.enverify.events;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.enverify.platform.Actor;
import org.enverify.platform.Console;
import org.enverify.platform.Refusal;
import org.enverify.platform.cli.CliCommand;
import org.enverify.platform.cli.CommandArguments;
import org.enverify.platform.cli.CommandException;
import org.enverify.platform.cli.CommandGroup;
import org.enverify.realm.RealmId;
import org.springframework.stereotype.Component;

/** {@code webhook create|list|disable|enable|delete|rotate-secret|deliveries|redeliver}. */
@Component
@CommandGroup(name = "webhook", usage = """
                  webhook create REALM --url HTTPS-URL [--events code.issued,code.claimed,...]
                      subscribes the URL to the events (all when --events is left out); prints the id and
                      the signing secret (whsec_...), shown this once
                  webhook list REALM
                  webhook disable REALM ID | webhook enable REALM ID | webhook delete REALM ID
                  webhook rotate-secret REALM ID [--overlap 24h]
                      prints a new secret; the old one signs beside it until the overlap ends
                  webhook deliveries REALM ID [--limit 50]
                  webhook redeliver REALM ID EVENT-ID
                event types: code.issued, code.claimed, code.expired, certificate.issued, user_report.created,
                  realm.key.rotated, quota.threshold, e2e.failed
                """)
class WebhookCommands implements CliCommand {

    private final WebhookEndpoints endpoints;
    private final Console console;

    WebhookCommands(WebhookEndpoints endpoints, Console console) {
        this.endpoints = endpoints;
        this.console = console;
    }

    @Override
    public int run(CommandArguments arguments) {
        try {
            RealmId realm = new RealmId(CommandArguments.parseId(word(arguments, 0, "A realm id"), "The realm id"));
            switch (arguments.action()) {
                case "create" -> {
                    List<String> types = arguments
                            .option("events")
                            .map(text -> Arrays.stream(text.split(","))
                                    .filter(s -> !s.isBlank())
                                    .toList())
                            .orElse(List.of());
                    WebhookEndpoints.Created created =
                            endpoints.create(realm, arguments.requireOption("url"), types, Actor.cli());
                    console.println("id=" + created.id());
                    console.println("secret=" + created.secret());
                }
                case "list" ->
                    endpoints
                            .list(realm)
                            .forEach(endpoint -> console.println(endpoint.id() + "\t"
                                    + endpoint.url() + "\t" + String.join(",", endpoint.eventTypes()) + "\t"
                                    + (endpoint.disabledAt() != null
                                            ? "disabled: " + endpoint.disabledReason()
                                            : endpoint.failingSince() != null
                                                    ? "failing since " + endpoint.failingSince()
                                                    : "ok")));
                case "disable" -> endpoints.disable(realm, endpoint(arguments), Actor.cli());
                case "enable" -> endpoints.enable(realm, endpoint(arguments), Actor.cli());
                case "delete" -> endpoints.delete(realm, endpoint(arguments), Actor.cli());
                case "rotate-secret" ->
                    console.println("secret="
                            + endpoints.rotateSecret(realm, endpoint(arguments), overlap(arguments), Actor.cli()));
                case "deliveries" ->
                    endpoints
                            .deliveries(
                                    realm,
                                    endpoint(arguments),
                                    Integer.parseInt(arguments.option("limit").orElse("50")))
                            .forEach(d -> console.println(d.attemptedAt() + "\t" + d.eventId() + "\t"
                                    + (d.succeeded() ? "ok" : "failed") + "\t"
                                    + (d.responseStatus() == null ? "-" : d.responseStatus()) + "\t"
                                    + (d.error() == null ? "" : d.error())));
                case "redeliver" -> endpoints.redeliver(realm, endpoint(arguments), eventId(arguments), Actor.cli());
                default -> throw new CommandException("Unknown webhook action '" + arguments.action() + "'");
            }
            return 0;
        } catch (IllegalArgumentException | Refusal e) {
            throw new CommandException("Refused: " + e.getMessage());
        }
    }

    private static String word(CommandArguments arguments, int index, String what) {
        if (arguments.positionals().size() <= index) {
            throw new CommandException(what + " is required");
        }
        return arguments.positionals().get(index);
    }

    private static long endpoint(CommandArguments arguments) {
        return CommandArguments.parseId(word(arguments, 1, "An endpoint id"), "The endpoint id");
    }

    private static UUID eventId(CommandArguments arguments) {
        try {
            return UUID.fromString(word(arguments, 2, "An event id"));
        } catch (IllegalArgumentException e) {
            throw new CommandException("The event id must be a UUID");
        }
    }

    private static Duration overlap(CommandArguments arguments) {
        String text = arguments.option("overlap").orElse("24h").trim().toLowerCase(Locale.ROOT);
        try {
            if (text.endsWith("h")) {
                return Duration.ofHours(Long.parseLong(text.substring(0, text.length() - 1)));
            }
            if (text.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
            }
            return Duration.parse(text.toUpperCase(Locale.ROOT));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new CommandException("--overlap must be a duration such as 24h or 30m");
        }
    }
}
