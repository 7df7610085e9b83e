package org.enverify.mailoutbox.cli;

import java.util.List;
import org.enverify.mailoutbox.RealmMailAccounts;
import org.enverify.mailoutbox.SmtpInput;
import org.enverify.mailoutbox.SmtpShown;
import org.enverify.platform.Actor;
import org.enverify.platform.Console;
import org.enverify.platform.Refusal;
import org.enverify.platform.cli.CliCommand;
import org.enverify.platform.cli.CommandArguments;
import org.enverify.platform.cli.CommandException;
import org.enverify.platform.cli.CommandGroup;
import org.enverify.realm.RealmId;
import org.enverify.realm.Realms;
import org.springframework.stereotype.Component;

/** {@code mail ...}: how a realm's mails leave, as on its mail page. */
@Component
@CommandGroup(name = "mail", usage = """
                  mail show REALM
                      who sends the realm's mails; never the password
                  mail smtp REALM --host HOST [--port 587] [--tls starttls|tls|none] --from ADDRESS
                      [--username NAME --password-file PATH]
                      the realm's mails go through its own SMTP account, in its own texts; the password is stored
                      encrypted
                  mail system REALM
                      the realm's mails go through the system SMTP account in its own texts; a system administrator
                      allows it first: realm set REALM can_use_system_email_config=true
                  mail default REALM
                      the realm's mails are the installation's, in the built-in texts
                """)
class MailCommands implements CliCommand {

    private final Realms realms;
    private final RealmMailAccounts accounts;
    private final Console console;

    MailCommands(Realms realms, RealmMailAccounts accounts, Console console) {
        this.realms = realms;
        this.accounts = accounts;
        this.console = console;
    }

    @Override
    public int run(CommandArguments arguments) {
        try {
            switch (arguments.action()) {
                case "show" -> show(realm(arguments));
                case "smtp" -> {
                    RealmId realm = realm(arguments);
                    accounts.useOwnSmtp(
                            realm,
                            new SmtpInput(
                                    arguments.requireOption("host"),
                                    arguments.option("port").orElse("587"),
                                    arguments.option("username").orElse(""),
                                    arguments.secretFile("password-file").orElse(""),
                                    arguments.requireOption("from"),
                                    arguments.option("tls").orElse("starttls")),
                            Actor.cli());
                    console.println("Realm " + realm + " mails through its own SMTP account");
                }
                case "system" -> {
                    RealmId realm = realm(arguments);
                    accounts.useSystem(realm, Actor.cli());
                    console.println("Realm " + realm + " mails its own texts through the system SMTP account");
                }
                case "default" -> {
                    RealmId realm = realm(arguments);
                    accounts.useDefault(realm, Actor.cli());
                    console.println("Realm " + realm + " mails as the installation, in the built-in texts");
                }
                default -> throw new CommandException("Unknown mail action '" + arguments.action() + "'");
            }
            return 0;
        } catch (Refusal e) {
            throw new CommandException("Refused: " + e.getMessage());
        }
    }

    private void show(RealmId realm) {
        RealmMailAccounts.Configuration configuration = accounts.configuration(realm);
        console.println("kind\t" + configuration.kind());
        if (configuration.kind().equals("smtp")) {
            SmtpShown smtp = configuration.smtp();
            console.println("host\t" + smtp.host() + ":" + smtp.port());
            console.println("tls\t" + smtp.tls());
            console.println("from\t" + smtp.from());
            console.println("username\t" + (smtp.username().isEmpty() ? "(none)" : smtp.username()));
            console.println("password\t" + (smtp.passwordSet() ? "set" : "not set"));
        }
        console.println("can_use_system_email_config\t" + accounts.mayUseSystem(realm));
        console.println("own texts\t" + accounts.sendsOwnTexts(realm));
    }

    private RealmId realm(CommandArguments arguments) {
        List<String> words = arguments.positionals();
        if (words.isEmpty()) {
            throw new CommandException("A realm id is required");
        }
        RealmId id = new RealmId(CommandArguments.parseId(words.getFirst(), "The realm id"));
        return realms.find(id)
                .orElseThrow(() -> new CommandException("No realm " + id))
                .id();
    }
}
