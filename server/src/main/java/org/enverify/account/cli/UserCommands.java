package org.enverify.account.cli;

import java.util.stream.Collectors;
import org.enverify.account.GeneratedPassword;
import org.enverify.account.User;
import org.enverify.account.Users;
import org.enverify.platform.Actor;
import org.enverify.platform.Console;
import org.enverify.platform.Refusal;
import org.enverify.platform.Refusal.Message;
import org.enverify.platform.cli.CliCommand;
import org.enverify.platform.cli.CommandArguments;
import org.enverify.platform.cli.CommandException;
import org.enverify.platform.cli.CommandGroup;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code user create-admin|revoke-sessions}: for operators locked out of the web UI, such as when the
 * only system administrator left or forgot their password.
 */
@Component
@CommandGroup(name = "user", usage = """
                  user create-admin --email EMAIL [--name NAME]
                      creates the account or promotes it, with a new one-time password printed once
                      (to be changed at the first sign-in)
                  user revoke-sessions --email EMAIL
                """)
class UserCommands implements CliCommand {

    private final Users users;
    private final TransactionTemplate transactions;
    private final Console console;

    UserCommands(Users users, TransactionTemplate transactions, Console console) {
        this.users = users;
        this.transactions = transactions;
        this.console = console;
    }

    @Override
    public int run(CommandArguments arguments) {
        switch (arguments.action()) {
            case "create-admin" ->
                createAdmin(
                        arguments.requireOption("email"),
                        arguments.option("name").orElse("System administrator"));
            case "revoke-sessions" ->
                users.revokeSessions(find(arguments.requireOption("email")).id(), Actor.cli());
            default -> throw new CommandException("Unknown user action '" + arguments.action() + "'");
        }
        return 0;
    }

    private void createAdmin(String email, String name) {
        GeneratedPassword password = users.generatePassword();
        try {
            User admin = transactions.execute(status -> {
                User user = users.findByEmail(email).orElseGet(() -> users.create(email, name, false));
                users.setSystemAdmin(user.id(), true, Actor.cli());
                users.setGeneratedPassword(user.id(), password);
                users.markEmailVerified(user.id());
                return user;
            });
            console.println(admin.email() + "\t" + password.text());
        } catch (Refusal e) {
            throw new CommandException("Refused: "
                    + String.join(", ", e.shownByField().keySet()) + " ("
                    + e.shownByField().values().stream().map(Message::key).collect(Collectors.joining(", "))
                    + ")");
        }
    }

    private User find(String email) {
        return users.findByEmail(email).orElseThrow(() -> new CommandException("No account uses " + email));
    }
}
