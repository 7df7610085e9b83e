package org.enverify.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.enverify.platform.database.DatabaseSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class SecretFilesEnvironmentTests {

    @TempDir
    Path secrets;

    private static StandardEnvironment withVariables(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        return environment;
    }

    private static DatabaseSettings database(StandardEnvironment environment) {
        return Binder.get(environment).bindOrCreate("enverify.database", DatabaseSettings.class);
    }

    @Test
    void aFileStandsForTheVariableItNames() throws Exception {
        Path password = Files.writeString(secrets.resolve("password"), "s3cret-from-a-mounted-secret\n");
        StandardEnvironment environment = withVariables(Map.of(
                "ENVERIFY_DATABASE_PASSWORD_FILE",
                password.toString(),
                "ENVERIFY_DATABASE_URL",
                "jdbc:postgresql://db/enverify"));

        new SecretFilesEnvironment().postProcessEnvironment(environment, null);

        assertThat(database(environment).password()).isEqualTo("s3cret-from-a-mounted-secret");
        assertThat(database(environment).url()).isEqualTo("jdbc:postgresql://db/enverify");
    }

    @Test
    void aVariableSetDirectlyWinsOverItsFile() throws Exception {
        Path password = Files.writeString(secrets.resolve("password"), "from-file");
        StandardEnvironment environment = withVariables(
                Map.of("ENVERIFY_DATABASE_PASSWORD_FILE", password.toString(), "ENVERIFY_DATABASE_PASSWORD", "direct"));

        new SecretFilesEnvironment().postProcessEnvironment(environment, null);

        assertThat(database(environment).password()).isEqualTo("direct");
    }

    @Test
    void anUnreadableFileStopsTheStartAndNamesTheVariable() {
        StandardEnvironment environment = withVariables(Map.of(
                "ENVERIFY_DATABASE_PASSWORD_FILE", secrets.resolve("missing").toString()));

        assertThatThrownBy(() -> new SecretFilesEnvironment().postProcessEnvironment(environment, null))
                .hasMessageContaining("ENVERIFY_DATABASE_PASSWORD_FILE")
                .hasMessageNotContaining("from-file");
    }
}
