package org.clinic.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The tenant-scoping rules every service's build checks (STYLE.md "Tenant scoping you cannot
 * forget"): feature code reaches clinic data only through {@code TenantScopedRepository};
 * transactions are opened by {@code ClinicTransactions}, which sets the clinic for row-level
 * security (a plain pool's, {@code ClinicTransactions.onPool}); anything else, a class holding a pool included,
 * must say why with {@code @NotTenantScoped}. {@code common} is held to the same rules. And every resource runs its
 * work to the end when the client goes away ({@code @Cancellable(false)}, docs/decisions.md §17).
 */
public final class ArchitectureRules {

    private static final String CLINIC_OWNED = "org.clinic.common.persistence.ClinicOwned";
    private static final String EXEMPT = "org.clinic.common.persistence.NotTenantScoped";
    private static final String CANCELLABLE = "org.jboss.resteasy.reactive.server.Cancellable";

    private ArchitectureRules() {}

    public static void check(String basePackage) {
        JavaClasses imported = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
        DescribedPredicate<JavaClass> exempt = DescribedPredicate.describe(
                "@NotTenantScoped",
                c -> c.isAnnotatedWith(EXEMPT)
                        || c.getEnclosingClass()
                                .map(e -> e.isAnnotatedWith(EXEMPT))
                                .orElse(false));

        // the repository base in common holds the session; feature code (its subclasses included) does not
        noClasses()
                .that(DescribedPredicate.not(exempt))
                .should()
                .callMethod("io.quarkus.hibernate.reactive.panache.Panache", "getSession")
                .orShould()
                .dependOnClassesThat()
                .haveNameMatching(
                        "org\\.hibernate\\.reactive\\.mutiny\\.Mutiny\\$(Session|StatelessSession|SessionFactory)")
                .because("queries must carry the clinic: use a TenantScopedRepository")
                .allowEmptyShould(true)
                .check(imported);

        // transactions tell PostgreSQL the clinic first (row-level security): ClinicTransactions opens them
        noClasses()
                .that(DescribedPredicate.not(exempt))
                .should()
                .callMethod(
                        "io.quarkus.hibernate.reactive.panache.Panache",
                        "withTransaction",
                        "java.util.function.Supplier")
                .orShould()
                .callMethod(
                        "io.quarkus.hibernate.reactive.panache.Panache", "withSession", "java.util.function.Supplier")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("io.quarkus.hibernate.reactive.panache.common.WithTransaction")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("io.quarkus.hibernate.reactive.panache.common.WithSession")
                .because("a transaction must set the clinic for row-level security: use ClinicTransactions.run")
                .allowEmptyShould(true)
                .check(imported);

        // a plain pool's transaction knows no clinic unless told: ClinicTransactions.onPool tells it, and a class
        // that holds a pool says why
        noClasses()
                .that(DescribedPredicate.not(exempt))
                .should()
                .dependOnClassesThat()
                .haveNameMatching("io\\.vertx\\.(mutiny\\.)?(sqlclient\\.(Pool|SqlClient|ClientBuilder)"
                        + "|pgclient\\.(PgPool|PgConnection|PgBuilder|pubsub\\.PgSubscriber))")
                .because("a raw pool bypasses the clinic: use a TenantScopedRepository, or ClinicTransactions.onPool"
                        + " in a class marked @NotTenantScoped")
                .allowEmptyShould(true)
                .check(imported);

        classes()
                .that()
                .areAnnotatedWith("jakarta.persistence.Entity")
                .should()
                .beAssignableTo(CLINIC_OWNED)
                .orShould()
                .beAnnotatedWith(EXEMPT)
                .because("every entity holds one clinic's data unless it says why not")
                .allowEmptyShould(true)
                .check(imported);

        // a client that hangs up must not cut a transaction or a downstream call in the middle: Quarkus REST
        // cancels a Uni when the connection closes unless told otherwise, and a cancelled Hibernate Reactive
        // transaction or REST client call left pooled connections taken (docs/decisions.md §17)
        classes()
                .that()
                .areAnnotatedWith("jakarta.ws.rs.Path")
                .and()
                .areNotInterfaces()
                .should()
                .beAnnotatedWith(DescribedPredicate.describe(
                        "@Cancellable(false)",
                        a -> a.getRawType().getName().equals(CANCELLABLE)
                                && Boolean.FALSE.equals(a.get("value").orElse(Boolean.TRUE))))
                .because("the work of a request runs to its end when its client goes away")
                .allowEmptyShould(true)
                .check(imported);

        classes()
                .that()
                .areAssignableTo("io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase")
                .should()
                .beAnnotatedWith(EXEMPT)
                .because("plain Panache repositories have unscoped finders: use TenantScopedRepository")
                .allowEmptyShould(true)
                .check(imported);
    }
}
