package org.enverify.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.enverify.support.Programs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code ./enverify} finds its JDK, as {@code mvnw} does: {@code JAVA_HOME} first, then {@code java}
 * on the PATH, each only when it is Java 21 or newer; otherwise it says what to install. Fake JDKs are
 * shell scripts that print what a real {@code java -version} and {@code -XshowSettings} print.
 */
class LauncherScriptTests {

    private static final Path LAUNCHER =
            Path.of("..", "enverify").toAbsolutePath().normalize();

    @TempDir
    Path machine;

    record Outcome(int exitCode, String stdout, String stderr) {}

    @Test
    void javaHomeWinsOverAnOlderJavaOnThePathForTheBuildAndTheRun() throws Exception {
        Path jdk25 = fakeJdk("jdk-25", "25.0.1");
        Path jdk17 = fakeJdk("jdk-17", "17.0.15");
        Outcome outcome = launch(jdk25, jdk17);
        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        assertThat(outcome.stdout().strip()).isEqualTo(jdk25.resolve("bin/java").toString());
    }

    @Test
    void javaOnThePathServesWhenJavaHomeIsUnsetOrTooOld() throws Exception {
        Path jdk21 = fakeJdk("jdk-21", "21.0.5");
        assertThat(launch(null, jdk21).stdout().strip())
                .isEqualTo(jdk21.resolve("bin/java").toString());
        Path jdk17 = fakeJdk("jdk-17", "17.0.15");
        assertThat(launch(jdk17, jdk21).stdout().strip())
                .isEqualTo(jdk21.resolve("bin/java").toString());
    }

    @Test
    void withoutAJdk21ItSaysWhatItFoundAndWhatToInstall() throws Exception {
        Path jdk17 = fakeJdk("jdk-17", "17.0.15");
        Path java8 = fakeJdk("jre-8", "1.8.0_412");
        Outcome outcome = launch(jdk17, java8);
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.stdout()).isEmpty();
        assertThat(outcome.stderr())
                .contains("needs a JDK 21 or newer")
                .contains("JAVA_HOME: " + jdk17.resolve("bin/java") + " is Java 17")
                .contains("PATH: " + java8.resolve("bin/java") + " is Java 8")
                .contains("Install one", "https://adoptium.net/");

        Outcome nothing = launch(null, null);
        assertThat(nothing.exitCode()).isEqualTo(1);
        assertThat(nothing.stderr()).contains("no JAVA_HOME and no java on the PATH", "Install one");
    }

    /** A JDK home whose {@code bin/java} claims {@code version} and its own home. */
    private Path fakeJdk(String name, String version) throws IOException {
        Path home = machine.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        Path java = home.resolve("bin/java");
        Files.writeString(java, """
                #!/bin/sh
                echo 'openjdk version "%s" 2025-10-21' >&2
                echo '    java.home = %s' >&2
                """.formatted(version, home), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    /** Runs the launcher with only the given JDK homes as JAVA_HOME and on the PATH (beside sh's tools). */
    private Outcome launch(Path javaHome, Path onPath) throws Exception {
        assumeTrue(Programs.onPath("sh").isPresent(), "the launcher is a POSIX shell script");
        Path tools = machine.resolve("tools");
        Files.createDirectories(tools);
        for (String tool :
                new String[] {"sed", "awk", "dirname", "find", "cksum", "cut", "cat", "rm", "mv", "printf"}) {
            Path link = tools.resolve(tool);
            if (!Files.exists(link)) {
                Programs.onPath(tool).ifPresent(target -> symlink(link, target));
            }
        }
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", LAUNCHER.toString(), "realm", "list");
        Map<String, String> environment = new HashMap<>();
        environment.put("PATH", (onPath == null ? "" : onPath.resolve("bin") + ":") + tools);
        environment.put("ENVERIFY_JAVA_CHECK_ONLY", "1");
        if (javaHome != null) {
            environment.put("JAVA_HOME", javaHome.toString());
        }
        builder.environment().clear();
        builder.environment().putAll(environment);
        Path out = machine.resolve("out.txt");
        Path err = machine.resolve("err.txt");
        Process process =
                builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Outcome(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static void symlink(Path link, Path target) {
        try {
            Files.createSymbolicLink(link, target);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
