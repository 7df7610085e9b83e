package org.enverify.sms;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import org.enverify.platform.Actor;
import org.enverify.platform.Console;
import org.enverify.platform.Refusal;
import org.enverify.platform.cli.CliCommand;
import org.enverify.platform.cli.CommandArguments;
import org.enverify.platform.cli.CommandException;
import org.enverify.platform.cli.CommandGroup;
import org.enverify.platform.net.OutboundUrls;
import org.enverify.realm.Realm;
import org.enverify.realm.RealmId;
import org.enverify.realm.Realms;
import org.springframework.stereotype.Component;

/** {@code sms ...}: a realm's SMS sender, templates, signing keys and error counts. */
@Component
@CommandGroup(name = "sms", usage = """
                  sms twilio REALM --account-sid AC... (--auth-token-file PATH | --auth-token TOKEN) --from NUMBER|MG...
                      [--user-report-from NUMBER]
                      the realm sends through its own Twilio account; the token is stored encrypted
                  sms system REALM --from LABEL
                      the realm sends through the system account (System admin > SMS account) with that sender number;
                      a system administrator allows it first: realm set REALM can_use_system_sms_config=true
                  sms default REALM
                      the realm sends through the installation's default provider (ENVERIFY_SMS_PROVIDER)
                  sms report-webhook REALM --url URL --secret-file PATH | --url ""
                      the user-report web view posts the SMS to this HTTPS URL instead of sending it
                  sms templates REALM
                  sms template-set REALM --label LABEL --text TEXT
                  sms template-remove REALM --label LABEL
                  sms keys REALM
                      SMS signing keys with their public keys (base64 X.509)
                  sms key-create REALM | sms key-activate REALM ID | sms key-disable REALM ID
                  sms errors REALM [--day YYYY-MM-DD]
                      SMS errors Twilio reported by error code, today unless --day
                """)
class SmsCommands implements CliCommand {

    private final Realms realms;
    private final SmsSenders senders;
    private final SmsTemplates templates;
    private final SmsSigningKeys keys;
    private final SmsErrorRepository errors;
    private final OutboundUrls urls;
    private final Console console;
    private final Clock clock;

    SmsCommands(
            Realms realms,
            SmsSenders senders,
            SmsTemplates templates,
            SmsSigningKeys keys,
            SmsErrorRepository errors,
            OutboundUrls urls,
            Console console,
            Clock clock) {
        this.realms = realms;
        this.senders = senders;
        this.templates = templates;
        this.keys = keys;
        this.errors = errors;
        this.urls = urls;
        this.console = console;
        this.clock = clock;
    }

    @Override
    public int run(CommandArguments arguments) {
        try {
            switch (arguments.action()) {
                case "twilio" -> {
                    RealmId realm = realm(arguments).id();
                    String token = arguments
                            .secretFile("auth-token-file")
                            .orElseGet(() -> arguments.requireOption("auth-token"));
                    senders.useOwnTwilio(
                            realm,
                            arguments.requireOption("account-sid"),
                            token,
                            arguments.requireOption("from"),
                            arguments
                                    .option("user-report-from")
                                    .filter(s -> !s.isBlank())
                                    .orElse(null),
                            Actor.cli());
                    console.println("Realm " + realm + " sends SMS through its own Twilio account");
                }
                case "system" -> {
                    RealmId realm = realm(arguments).id();
                    senders.useSystem(realm, arguments.requireOption("from"), Actor.cli());
                    console.println("Realm " + realm + " sends SMS through the system Twilio account");
                }
                case "default" -> {
                    RealmId realm = realm(arguments).id();
                    senders.useDefault(realm, Actor.cli());
                    console.println("Realm " + realm + " sends SMS through the installation's default provider");
                }
                case "report-webhook" -> reportWebhook(arguments);
                case "templates" ->
                    templates.list(realm(arguments)).forEach((label, text) -> console.println(label + "\t" + text));
                case "template-set" ->
                    console.println(templates.save(
                            realm(arguments),
                            arguments.requireOption("label"),
                            arguments.requireOption("text"),
                            Actor.cli()));
                case "template-remove" -> {
                    if (!templates.remove(realm(arguments).id(), arguments.requireOption("label"), Actor.cli())) {
                        throw new CommandException("The realm has no template with this label");
                    }
                }
                case "keys" -> {
                    for (SmsSigningKeys.KeyInfo key : keys.list(realm(arguments).id())) {
                        console.println(key.kid() + "\t" + key.id() + "\t"
                                + (key.disabled() ? "disabled" : key.active() ? "active" : "inactive") + "\t"
                                + Base64.getEncoder().encodeToString(key.publicKey()));
                    }
                }
                case "key-create" ->
                    console.println(
                            keys.create(realm(arguments).id(), Actor.cli()).kid());
                case "key-activate" -> keys.activate(realm(arguments).id(), keyId(arguments), Actor.cli());
                case "key-disable" -> keys.disable(realm(arguments).id(), keyId(arguments), Actor.cli());
                case "errors" -> {
                    LocalDate day = arguments
                            .option("day")
                            .map(SmsCommands::day)
                            .orElse(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
                    errors.day(realm(arguments).id(), day)
                            .forEach((code, quantity) -> console.println(code + "\t" + quantity));
                }
                default -> throw new CommandException("Unknown sms action '" + arguments.action() + "'");
            }
            return 0;
        } catch (IllegalArgumentException | Refusal e) {
            throw new CommandException("Refused: " + e.getMessage());
        }
    }

    private void reportWebhook(CommandArguments arguments) {
        RealmId realm = realm(arguments).id();
        String url = arguments.option("url").orElseThrow(() -> new CommandException("--url is required"));
        if (url.isBlank()) {
            senders.setReportWebhook(realm, null, null, Actor.cli());
            console.println("Realm " + realm + " sends user-report SMS itself");
            return;
        }
        try {
            senders.setReportWebhook(
                    realm,
                    urls.check(url),
                    arguments
                            .secretFile("secret-file")
                            .orElseThrow(() -> new CommandException("--secret-file is required")),
                    Actor.cli());
        } catch (IllegalArgumentException e) {
            throw new CommandException("Refused: the URL " + e.getMessage());
        }
        console.println("Realm " + realm + " posts user-report SMS to its webhook");
    }

    private Realm realm(CommandArguments arguments) {
        List<String> words = arguments.positionals();
        if (words.isEmpty()) {
            throw new CommandException("A realm id is required");
        }
        RealmId id = new RealmId(CommandArguments.parseId(words.getFirst(), "The realm id"));
        return realms.find(id).orElseThrow(() -> new CommandException("No realm " + id));
    }

    private static long keyId(CommandArguments arguments) {
        if (arguments.positionals().size() < 2) {
            throw new CommandException("A key id is required after the realm id");
        }
        return CommandArguments.parseId(arguments.positionals().get(1), "The key id");
    }

    private static LocalDate day(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new CommandException("--day must be YYYY-MM-DD");
        }
    }
}
