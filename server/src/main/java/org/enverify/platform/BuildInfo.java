package org.enverify.platform;

import java.time.Instant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.info.GitProperties;
import org.springframework.stereotype.Component;

/**
 * Which build this process runs, for operators comparing replicas; "unknown" where the jar was built
 * without the Maven build (an IDE run) or outside a git checkout.
 */
@Component
public class BuildInfo {

    static final String UNKNOWN = "unknown";

    private final String version;
    private final String buildTime;
    private final String commit;

    BuildInfo(ObjectProvider<BuildProperties> build, ObjectProvider<GitProperties> git) {
        BuildProperties buildProperties = build.getIfAvailable();
        GitProperties gitProperties = git.getIfAvailable();
        version = buildProperties == null ? UNKNOWN : buildProperties.getVersion();
        buildTime = buildProperties == null ? UNKNOWN : text(buildProperties.getTime());
        commit = gitProperties == null || gitProperties.getShortCommitId() == null
                ? UNKNOWN
                : gitProperties.getShortCommitId() + ("true".equals(gitProperties.get("dirty")) ? "-dirty" : "");
    }

    private static String text(Instant time) {
        return time == null ? UNKNOWN : time.toString();
    }

    public String version() {
        return version;
    }

    public String buildTime() {
        return buildTime;
    }

    /** The abbreviated commit id, with {@code -dirty} when the tree had uncommitted changes. */
    public String commit() {
        return commit;
    }
}
