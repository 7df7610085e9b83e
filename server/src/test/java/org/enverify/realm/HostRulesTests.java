package org.enverify.realm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.enverify.realm.HostRules.Match;
import org.enverify.realm.RequestHost.Kind;
import org.junit.jupiter.api.Test;

class HostRulesTests {

    private static HostRules rules(String redirectDomain, List<String> redirectHosts, String hostSuffix) {
        return new HostRules(new HostSettings(redirectDomain, redirectHosts, new HostSettings.Tenancy(hostSuffix)));
    }

    private static final HostRules ALL =
            rules("en.example.org", List.of("links.example.net:lnk-1", " go.example.com.:US-CA "), "Example.org.");

    private static Optional<Match> classify(String host) {
        return ALL.classify(host);
    }

    @Test
    void withoutSettingsEveryHostIsTheMainHost() {
        HostRules none = rules("", List.of(), "");
        assertThat(none.interpretsHosts()).isFalse();
        for (String host : List.of("wa.example.org", "wa-api.example.org", "localhost", "10.0.0.1", "")) {
            assertThat(none.classify(host)).contains(new Match(Kind.MAIN, null));
        }
    }

    @Test
    void realmHostsAreOneLabelUnderTheSuffixIgnoringCaseAndATrailingDot() {
        assertThat(classify("wa.example.org")).contains(new Match(Kind.REALM_UI, "wa"));
        assertThat(classify("WA.Example.ORG")).contains(new Match(Kind.REALM_UI, "wa"));
        assertThat(classify("wa.example.org.")).contains(new Match(Kind.REALM_UI, "wa"));
        assertThat(classify("wa-api.example.org")).contains(new Match(Kind.REALM_API, "wa"));
        assertThat(classify("US-WA-API.EXAMPLE.ORG.")).contains(new Match(Kind.REALM_API, "us-wa"));
        assertThat(classify("example.org")).contains(new Match(Kind.MAIN, null));
        assertThat(classify("EXAMPLE.ORG.")).contains(new Match(Kind.MAIN, null));
    }

    @Test
    void withASuffixEveryOtherHostSelectsNothing() {
        for (String host : List.of(
                "localhost",
                "10.0.0.1",
                "",
                "other.org",
                "badexample.org",
                "a.b.example.org",
                ".example.org",
                "-api.example.org",
                "wa-api-api.example.org",
                "wa_.example.org",
                "x".repeat(40) + ".example.org")) {
            assertThat(classify(host)).as(host).isEmpty();
        }
    }

    @Test
    void redirectHostsComeFirstEvenUnderTheSuffix() {
        assertThat(classify("en.example.org")).contains(new Match(Kind.REDIRECT, null));
        assertThat(classify("EN.example.org.")).contains(new Match(Kind.REDIRECT, null));
        assertThat(classify("us-wa.en.example.org")).contains(new Match(Kind.REDIRECT, "US-WA"));
        assertThat(classify("Us-Wa.En.Example.Org.")).contains(new Match(Kind.REDIRECT, "US-WA"));
        assertThat(classify("links.example.net")).contains(new Match(Kind.REDIRECT, "LNK-1"));
        assertThat(classify("GO.example.com")).contains(new Match(Kind.REDIRECT, "US-CA"));
        assertThat(classify("toolongregion.en.example.org"))
                .as("a label that is no region code selects no realm")
                .contains(new Match(Kind.REDIRECT, null));
        assertThat(classify("a.b.en.example.org")).isEmpty();
    }

    @Test
    void redirectHostsWorkWithoutRealmHosts() {
        HostRules redirectOnly = rules("en.example.org", List.of(), "");
        assertThat(redirectOnly.classify("us-wa.en.example.org")).contains(new Match(Kind.REDIRECT, "US-WA"));
        assertThat(redirectOnly.classify("wa.example.org")).contains(new Match(Kind.MAIN, null));
        assertThat(redirectOnly.classify("localhost")).contains(new Match(Kind.MAIN, null));
    }

    @Test
    void refusesSettingsThatAreNotHostNames() {
        assertThatThrownBy(() -> rules("en.example.org/x", List.of(), ""))
                .hasMessage("ENVERIFY_REDIRECT_DOMAIN holds 'en.example.org/x', which is not a host name such as"
                        + " example.org");
        assertThatThrownBy(() -> rules("", List.of(), "*.example.org"))
                .hasMessageStartingWith("ENVERIFY_TENANCY_HOST_SUFFIX holds '*.example.org'");
        assertThatThrownBy(() -> rules("", List.of("links.example.net"), ""))
                .hasMessage("ENVERIFY_REDIRECT_HOSTS holds 'links.example.net', which is not host:REGION such as"
                        + " links.example.org:US-WA");
        assertThatThrownBy(() -> rules("", List.of("links.example.net:US WA"), ""))
                .hasMessageStartingWith("ENVERIFY_REDIRECT_HOSTS holds 'links.example.net:US WA'");
        assertThatThrownBy(() -> rules("", List.of("a.example.net:X", "A.example.net.:Y"), ""))
                .hasMessage("ENVERIFY_REDIRECT_HOSTS names a.example.net twice");
        assertThatThrownBy(() -> rules("example.org", List.of(), "example.org"))
                .hasMessageStartingWith("ENVERIFY_REDIRECT_DOMAIN and ENVERIFY_TENANCY_HOST_SUFFIX must differ");
    }
}
