package org.enverify.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** The machine's programs that some tests run (haproxy, nginx, curl), found as a shell finds them. */
public final class Programs {

    private Programs() {}

    /** The first executable of this name in a folder of {@code PATH}. */
    public static Optional<Path> onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(folder -> !folder.isBlank())
                .map(folder -> Path.of(folder, program))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
