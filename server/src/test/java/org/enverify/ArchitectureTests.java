package org.enverify;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.ANNOTATIONS;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.metaAnnotatedWith;
import static com.tngtech.archunit.lang.conditions.ArchPredicates.are;
import static com.tngtech.archunit.lang.conditions.ArchPredicates.have;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaParameterizedType;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import jakarta.servlet.Filter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Map;
import org.enverify.platform.AcrossRealms;
import org.enverify.platform.Refusal;
import org.enverify.platform.api.ApiException;
import org.enverify.realm.Realm;
import org.enverify.realm.RealmId;
import org.enverify.realm.RealmSettingsGroup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

class ArchitectureTests {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.enverify");
    }

    /**
     * A feature's pages use the web shell, and its management API resources the management API's foundation,
     * both of which read realm types; so pages and endpoints count as their own slices (as the nested modules
     * of {@code realm.web} and {@code realm.api} do for Spring Modulith) and no domain package may depend back
     * on them.
     */
    @Test
    void featurePackagesHaveNoCycles() {
        slices().assignedFrom(FEATURES_WITH_THEIR_PAGES_APART)
                .should()
                .beFreeOfCycles()
                .check(production);
    }

    private static final SliceAssignment FEATURES_WITH_THEIR_PAGES_APART = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String[] parts = javaClass.getPackageName().split("\\.");
            if (parts.length < 3 || !parts[0].equals("org") || !parts[1].equals("enverify")) {
                return SliceIdentifier.ignore();
            }
            if (parts.length > 3 && parts[3].equals("web")) {
                return SliceIdentifier.of(parts[2] + " pages");
            }
            // the platform's api package is the shared shape of every API, part of the platform itself
            if (parts.length > 3 && parts[3].equals("api") && !parts[2].equals("platform")) {
                return SliceIdentifier.of(parts[2] + " endpoints");
            }
            return SliceIdentifier.of(parts[2]);
        }

        @Override
        public String getDescription() {
            return "features, each with its pages and endpoints apart";
        }
    };

    @Test
    void onlyTheConsoleWritesToStandardStreams() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName("org.enverify.platform.Console")
                .should()
                .accessField(System.class, "out")
                .orShould()
                .accessField(System.class, "err")
                .because("logs go through SLF4J and what a person asked for goes through Console")
                .check(production);
    }

    @Test
    void timeComesFromTheClockBean() {
        noClasses()
                .should()
                .callMethod(Instant.class, "now")
                .orShould()
                .callMethod(LocalDate.class, "now")
                .orShould()
                .callMethod(LocalDateTime.class, "now")
                .orShould()
                .callMethod(OffsetDateTime.class, "now")
                .orShould()
                .callMethod(ZonedDateTime.class, "now")
                .orShould()
                .callMethod(System.class, "currentTimeMillis")
                .because("tests move a settable Clock bean instead of sleeping")
                .check(production);
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName("org.enverify.platform.ClockConfiguration")
                .should()
                .callMethod(Clock.class, "systemUTC")
                .orShould()
                .callMethod(Clock.class, "systemDefaultZone")
                .check(production);
    }

    @Test
    void controllersArePackagePrivate() {
        classes()
                .that()
                .areAnnotatedWith(RestController.class)
                .should()
                .notBePublic()
                .because("a controller is reached through its role's configuration, never called by other code")
                .check(production);
    }

    /**
     * Outside the packages named {@code api} and {@code web} and the platform, only servlet filters (the edge
     * before any controller) speak HTTP, and a few edges that say why below.
     */
    @Test
    void domainCodeSpeaksNoHttp() {
        noClasses()
                .that()
                .resideOutsideOfPackages(
                        "..api..",
                        "..web..",
                        "org.enverify.platform..",
                        // the redirect role's routes: a RouterFunction on app-link hosts, with its own pages
                        "org.enverify.redirect..")
                .and()
                .areNotAssignableTo(Filter.class)
                // answers 429 on behalf of the rate-limit filters and the UI's limit interceptor
                .and()
                .doNotHaveFullyQualifiedName("org.enverify.abuse.ratelimit.RateLimiter")
                .should()
                .dependOnClassesThat()
                .belongToAnyOf(
                        HttpStatus.class, HttpStatusCode.class, ResponseStatusException.class, ApiException.class)
                .because("domain code reports a Refusal; the API advice and the pages map it to HTTP")
                .check(production);
    }

    @Test
    void controllersLiveInApiOrWebPackages() {
        classes()
                .that(are(not(ANNOTATIONS)))
                .and(have(simpleNameEndingWith("Controller")).or(are(metaAnnotatedWith(Controller.class))))
                .should()
                .resideInAnyPackage("..api..", "..web..")
                .because("JSON endpoints live in a feature's api package and pages in its web package")
                .check(production);
    }

    @Test
    void aRefusalCarriesNoHttp() {
        noClasses()
                .that()
                .belongToAnyOf(Refusal.class)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework.http..", "org.springframework.web..")
                .check(production);
    }

    /** Repositories of tables that are not one realm's rows, with why. */
    private static final Map<String, String> REPOSITORIES_ACROSS_REALMS = Map.of(
            "RealmRepository", "the realms themselves",
            "UserRepository", "people sign in once and may be members of several realms",
            "SecondFactorRepository", "a person's second factors, whichever realm they use",
            "AuditRepository", "one hash chain per realm and one for the installation, named by its chain id",
            "SystemSmsAccountRepository", "the operator's Twilio account, which realms share",
            "SystemSmtpAccountRepository", "the operator's SMTP account, which realms share");

    @Test
    void repositoriesOfRealmOwnedTablesTakeTheRealm() {
        methods()
                .that()
                .areDeclaredInClassesThat()
                .haveSimpleNameEndingWith("Repository")
                .and()
                .areDeclaredInClassesThat(DescribedPredicate.describe(
                        "hold one realm's rows",
                        owner -> !REPOSITORIES_ACROSS_REALMS.containsKey(owner.getSimpleName())))
                .and()
                .areNotPrivate()
                .and()
                .doNotHaveModifier(JavaModifier.SYNTHETIC)
                .should(takeTheRealmOrSayWhyNot())
                .because("realms stay apart in the query itself, not in each caller's check")
                .check(production);
    }

    private static ArchCondition<JavaMethod> takeTheRealmOrSayWhyNot() {
        return new ArchCondition<>("take the realm (or rows that carry it), or be marked @AcrossRealms") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                boolean takesRealm = method.getParameterTypes().stream().anyMatch(ArchitectureTests::carriesRealm);
                if (!takesRealm && !method.isAnnotatedWith(AcrossRealms.class)) {
                    events.add(SimpleConditionEvent.violated(method, method.getFullName() + " takes no realm"));
                }
            }
        };
    }

    /** A realm, or a row or list of rows that name their realm. */
    private static boolean carriesRealm(JavaType type) {
        if (type instanceof JavaParameterizedType parameterized) {
            return parameterized.getActualTypeArguments().stream().anyMatch(ArchitectureTests::carriesRealm);
        }
        JavaClass raw = type.toErasure();
        return raw.isEquivalentTo(RealmId.class)
                || raw.isEquivalentTo(Realm.class)
                || raw.getAllFields().stream()
                        .anyMatch(field -> field.getRawType().isEquivalentTo(RealmId.class)
                                || field.getRawType().isEquivalentTo(Realm.class));
    }
    /**
     * Each feature declares its realm settings in its own package: the realm module knows no other feature
     * (so none of their settings), and declares no group but its own.
     */
    @Test
    void realmSettingsAreDeclaredByTheFeaturesThatReadThem() {
        noClasses()
                .that()
                .resideInAPackage("org.enverify.realm")
                .should()
                .dependOnClassesThat(resideInAPackage("org.enverify..")
                        .and(not(resideInAnyPackage("org.enverify.realm", "org.enverify.platform.."))))
                .because("a feature's settings group, and all it knows, lives in the feature")
                .check(production);
        classes()
                .that()
                .implement(RealmSettingsGroup.class)
                .and()
                .resideInAPackage("org.enverify.realm..")
                .should()
                .haveSimpleName("GeneralSettingsGroup")
                .because("the realm declares only its own identity and hosting settings")
                .check(production);
    }
}
