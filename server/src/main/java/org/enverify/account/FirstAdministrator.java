package org.enverify.account;

import org.enverify.platform.Actor;
import org.enverify.platform.ConditionalOnRole;
import org.enverify.platform.FirstStartBlock;
import org.enverify.platform.ProcessRole;
import org.enverify.platform.Refusal;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes sure someone can sign in: the first start of the web UI on a database without a system
 * administrator creates one from {@code ENVERIFY_ADMIN_EMAIL} and {@code ENVERIFY_ADMIN_PASSWORD}, or
 * with a generated password shown once in the {@link FirstStartBlock}, which must be changed at the first sign-in. Replicas
 * starting together create one administrator, not several.
 */
@Component
@ConditionalOnRole(ProcessRole.UI)
@Order(Ordered.HIGHEST_PRECEDENCE)
class FirstAdministrator implements ApplicationRunner {

    private final Users users;
    private final AccountSettings settings;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final FirstStartBlock firstStart;
    private final Environment environment;

    FirstAdministrator(
            Users users,
            AccountSettings settings,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            FirstStartBlock firstStart,
            Environment environment) {
        this.users = users;
        this.settings = settings;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.firstStart = firstStart;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('enverify:first-administrator'))")
                    .query()
                    .listOfRows();
            if (users.anySystemAdmin()) {
                return;
            }
            boolean generated =
                    settings.adminPassword() == null || settings.adminPassword().isBlank();
            User admin = users.findByEmail(settings.adminEmail())
                    .orElseGet(() -> users.create(settings.adminEmail(), "System administrator", false));
            users.setSystemAdmin(admin.id(), true, Actor.system());
            String password;
            if (generated) {
                GeneratedPassword oneTime = users.generatePassword();
                users.setGeneratedPassword(admin.id(), oneTime);
                password = oneTime.text();
            } else {
                password = settings.adminPassword();
                try {
                    users.setPassword(admin.id(), password);
                } catch (Refusal e) {
                    throw new IllegalStateException("ENVERIFY_ADMIN_PASSWORD is refused: "
                            + e.messageKey().orElseThrow() + " (at least " + PasswordPolicy.MINIMUM_LENGTH
                            + " characters, not a common password)");
                }
            }
            users.markEmailVerified(admin.id());
            firstStart.add("Enverify is running at " + address() + "\n"
                    + (generated
                            ? "Sign in as the system administrator " + admin.email() + " with the one-time password\n"
                                    + "    " + password + "\n"
                                    + "(shown this once; you choose your own at the first sign-in,"
                                    + " or set ENVERIFY_ADMIN_PASSWORD before the first start)"
                            : "Sign in as the system administrator " + admin.email()
                                    + " with the password ENVERIFY_ADMIN_PASSWORD holds"));
        });
    }

    /** The web UI's public address, else the port this server listens on. */
    private String address() {
        return settings.publicUrl() != null && !settings.publicUrl().isBlank()
                ? settings.publicUrl()
                : "http://localhost:" + environment.getProperty("local.server.port", "8080");
    }
}
