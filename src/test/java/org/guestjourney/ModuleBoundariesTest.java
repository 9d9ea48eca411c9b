package org.guestjourney;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.camunda.client.annotation.JobWorker;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The capabilities (the packages under {@code org.guestjourney}) depend on each other in one
 * direction only, workers stay thin and a capability's tables are read through its own repository.
 * A rule broken here names the classes and the dependency at fault.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModuleBoundariesTest {

  /** Repositories other capabilities may read: the shared records of a stay. */
  private static final Set<String> SHARED_REPOSITORIES =
      Set.of(
          "org.guestjourney.booking.BookingRepository",
          "org.guestjourney.property.PropertyRepository",
          "org.guestjourney.guest.GuestRepository",
          "org.guestjourney.guestrequest.GuestRequestRepository");

  private JavaClasses app;

  @BeforeAll
  void importTheApp() {
    app =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.guestjourney");
  }

  @Test
  void capabilitiesDependOnEachOtherWithoutCycles() {
    slices().matching("org.guestjourney.(*)..").should().beFreeOfCycles().check(app);
  }

  @Test
  void theBottomCapabilitiesKnowNothingOfJourneysMessagesOrTasks() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "org.guestjourney.web..",
            "org.guestjourney.persistence..",
            "org.guestjourney.guest..",
            "org.guestjourney.property..",
            "org.guestjourney.clock..",
            "org.guestjourney.runtime..",
            "org.guestjourney.outbox..",
            "org.guestjourney.modeler..",
            "org.guestjourney.security..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.guestjourney.journey..",
            "org.guestjourney.messaging..",
            "org.guestjourney.tasklist..",
            "org.guestjourney.complaint..",
            "org.guestjourney.survey..",
            "org.guestjourney.feedback..",
            "org.guestjourney.conversation..",
            "org.guestjourney.inquiry..",
            "org.guestjourney.guestrequest..",
            "org.guestjourney.kpi..",
            "org.guestjourney.demo..")
        .check(app);
  }

  @Test
  void workersAreThin() {
    DescribedPredicate<JavaClass> hasJobWorkers =
        DescribedPredicate.describe(
            "have @JobWorker methods",
            c -> c.getMethods().stream().anyMatch(m -> m.isAnnotatedWith(JobWorker.class)));
    noClasses()
        .that(hasJobWorkers)
        .should()
        .dependOnClassesThat()
        .haveSimpleNameEndingWith("Repository")
        .orShould()
        .dependOnClassesThat()
        .belongToAnyOf(
            org.springframework.jdbc.core.simple.JdbcClient.class,
            org.springframework.jdbc.core.JdbcTemplate.class)
        .because("a worker maps a job to one capability service call (house style)")
        .check(app);
  }

  /**
   * Classes that may use the Camunda client besides the {@code *Engine} classes, the workers and
   * the runtime and outbox packages, each for a reason.
   */
  private static final Set<String> CLIENT_USERS =
      Set.of(
          // the send workers' failure policy: it builds their job errors from the job
          "org.guestjourney.messaging.SendRetries",
          // deploys the models: the engine seam for deployments (and its answer's Process type)
          "org.guestjourney.modeler.JourneyModels",
          // reads the deployed version from the modeler's deployment answer
          "org.guestjourney.studio.StudioJourneys");

  @Test
  void onlyEngineClassesWorkersRuntimeAndOutboxUseTheCamundaClient() {
    DescribedPredicate<JavaClass> mayUseTheClient =
        DescribedPredicate.describe(
            "an *Engine class, a worker, in runtime or outbox, or named in CLIENT_USERS",
            c -> {
              String topLevel = c.getName().replaceAll("\\$.*", "");
              String simple = topLevel.substring(topLevel.lastIndexOf('.') + 1);
              return simple.endsWith("Engine")
                  || simple.endsWith("Worker")
                  || simple.endsWith("Workers")
                  || c.getMethods().stream().anyMatch(m -> m.isAnnotatedWith(JobWorker.class))
                  || c.getPackageName().startsWith("org.guestjourney.runtime")
                  || c.getPackageName().startsWith("org.guestjourney.outbox")
                  || CLIENT_USERS.contains(topLevel);
            });
    noClasses()
        .that(DescribedPredicate.not(mayUseTheClient))
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.camunda.client..")
        .because(
            "a capability talks to the engine through its *Engine class, its workers or the outbox"
                + " (house style)")
        .check(app);
  }

  @Test
  void aCapabilitysOwnTablesAreReadThroughItsOwnRepository() {
    DescribedPredicate<JavaClass> privateRepository =
        DescribedPredicate.describe(
            "a repository not shared between capabilities",
            c ->
                c.getSimpleName().endsWith("Repository")
                    && !SHARED_REPOSITORIES.contains(c.getName()));
    for (JavaClass repository : app.that(privateRepository)) {
      noClasses()
          .that()
          .resideOutsideOfPackage(repository.getPackageName())
          .should()
          .dependOnClassesThat()
          .belongToAnyOf(repository.reflect())
          .check(app);
    }
  }
}
