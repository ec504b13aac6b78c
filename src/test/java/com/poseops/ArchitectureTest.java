package com.poseops;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import com.vaadin.flow.router.Route;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The package rules of docs/ARCHITECTURE.md, enforced. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.poseops");

    private static final String[] FEATURES = {"training", "registry", "endpoints", "monitoring", "pose", "datasets"};

    @Test
    void viewsNeverCallTheAwsSdk() {
        noClasses().that().resideInAPackage("com.poseops..ui..")
                .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..")
                .because("views call services; only adapters and platform wiring talk to AWS")
                .check(CLASSES);
    }

    @Test
    void viewsNeverReachIntoAdapters() {
        noClasses().that().resideInAPackage("com.poseops..ui..")
                .should().dependOnClassesThat().resideInAnyPackage("com.poseops..aws..", "com.poseops..local..")
                .because("views depend on a feature's service and port, not on how a mode implements them")
                .check(CLASSES);
    }

    @Test
    void routesLiveInUiPackages() {
        classes().that().areAnnotatedWith(Route.class).should().resideInAPackage("com.poseops..ui..").check(CLASSES);
    }

    @Test
    void onlyUiPackagesUseVaadin() {
        noClasses().that().resideOutsideOfPackages("com.poseops..ui..", "com.poseops")
                .should().dependOnClassesThat().resideInAnyPackage("com.vaadin.flow.component..")
                .because("services must stay usable without a browser session")
                .check(CLASSES);
    }

    @Test
    void nothingDependsOnUiPackagesButOtherUi() {
        noClasses().that().resideOutsideOfPackage("com.poseops..ui..")
                .and().resideOutsideOfPackage("com.poseops.platform.security")
                .should().dependOnClassesThat().resideInAPackage("com.poseops..ui..")
                .because("the login view is the only UI class wired into security")
                .check(CLASSES);
    }

    @Test
    void thePlatformDoesNotDependOnFeatures() {
        for (String feature : FEATURES) {
            noClasses().that().resideInAPackage("com.poseops.platform..")
                    .should().dependOnClassesThat().resideInAPackage("com.poseops." + feature + "..")
                    .allowEmptyShould(true)
                    .check(CLASSES);
        }
    }

    @Test
    void featuresPublishEventsAndNeverCallTheNotificationsCode() {
        for (String feature : FEATURES) {
            noClasses().that().resideInAPackage("com.poseops." + feature + "..")
                    .should().dependOnClassesThat().resideInAPackage("com.poseops.platform.notifications..")
                    .because("features publish platform.events records; the notification centre consumes them")
                    .allowEmptyShould(true)
                    .check(CLASSES);
        }
    }

    @Test
    void eventRecordsDependOnNothingButTheJdk() {
        classes().that().resideInAPackage("com.poseops.platform.events..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.jspecify..",
                        "com.poseops.platform.events..")
                .because("every feature depends on them, so they must not pull anything else in")
                .check(CLASSES);
    }

    @Test
    void featuresHaveNoCycles() {
        slices().matching("com.poseops.(*)..").should().beFreeOfCycles()
                .because("a feature may use another only one way (pose and monitoring use endpoints, endpoints uses "
                        + "registry; registry learns what serves through its own ServingModel port, implemented in "
                        + "endpoints)")
                .check(CLASSES);
    }

    @Test
    void overviewCardsComeFromFeaturesWithoutThePlatformKnowingThem() {
        classes().that().implement("com.poseops.platform.ui.components.OverviewCard")
                .should().resideInAPackage("com.poseops..ui..")
                .andShould().beAnnotatedWith(org.springframework.stereotype.Component.class)
                .because("the Overview collects the cards as beans (docs/ARCHITECTURE.md, \"Overview cards\")")
                .check(CLASSES);
    }

    @Test
    void theInferenceServerStandsAlone() {
        noClasses().that().resideInAPackage("com.poseops.inference..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.vaadin..",
                        "software.amazon.awssdk..", "com.poseops.platform..", "com.poseops.pose..",
                        "com.poseops.registry..", "com.poseops.endpoints..", "com.poseops.training..",
                        "com.poseops.monitoring..", "com.poseops.datasets..")
                .because("it is also the SageMaker container, started without the console")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void datasetsDependOnNoOtherFeature() {
        noClasses().that().resideInAPackage("com.poseops.datasets..")
                .should().dependOnClassesThat().resideInAnyPackage("com.poseops.registry..",
                        "com.poseops.training..", "com.poseops.endpoints..", "com.poseops.monitoring..",
                        "com.poseops.pose..")
                .because("registry and training read datasets; datasets know nothing of them")
                .check(CLASSES);
    }

    @Test
    void adaptersOfOneModeDoNotUseTheOther() {
        noClasses().that().resideInAPackage("..aws..").and().resideOutsideOfPackage("com.poseops.platform.aws..")
                .should().dependOnClassesThat().resideInAPackage("com.poseops..local..")
                .allowEmptyShould(true)
                .check(CLASSES);
        noClasses().that().resideInAPackage("com.poseops..local..")
                .should().dependOnClassesThat().resideInAPackage("com.poseops.*.aws..")
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    /**
     * No feature (nor the platform, nor the inference server) depends on another that depends back on it, however
     * indirectly: a slice per top-level package under com.poseops ({@code pose}, {@code registry}, {@code endpoints},
     * {@code monitoring}, {@code training}, {@code platform}, {@code inference}, …), inner cycles of a slice allowed.
     */
    @Test
    void noCyclesBetweenFeatures() {
        SlicesRuleDefinition.slices().matching("com.poseops.(*)..").namingSlices("$1")
                .should().beFreeOfCycles()
                .because("a feature builds on the platform and on features below it, never on one that builds on it")
                .check(CLASSES);
    }

    @Test
    void registryNeverDependsOnEndpoints() {
        noClasses().that().resideInAPackage("com.poseops.registry..")
                .should().dependOnClassesThat().resideInAPackage("com.poseops.endpoints..")
                .because("dependency inversion: endpoints implements registry's ServingModel port")
                .check(CLASSES);
    }

    @Test
    void onlyTheEndpointsFeatureTalksToTheEndpoint() {
        noClasses().that().resideOutsideOfPackage("com.poseops.endpoints..")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk.services.sagemakerruntime..")
                .because("invocation has one home: the endpoints feature's EndpointInvoker")
                .check(CLASSES);
    }

    @Test
    void noFeatureDependsOnMonitoring() {
        noClasses().that().resideInAnyPackage("com.poseops.endpoints..", "com.poseops.pose..",
                        "com.poseops.registry..", "com.poseops.training..", "com.poseops.platform..")
                .should().dependOnClassesThat().resideInAPackage("com.poseops.monitoring..")
                .because("monitoring reads the endpoint and draws with pose; the Pose page opens a capture through "
                        + "its own CapturedPredictions port (no cycle)")
                .check(CLASSES);
    }

    @Test
    void everyPackageIsNullMarked() {
        List<String> unmarked = new ArrayList<>();
        for (JavaPackage javaPackage : CLASSES.getDefaultPackage().getSubpackagesInTree()) {
            boolean hasClasses = !javaPackage.getClasses().isEmpty();
            if (hasClasses && javaPackage.getName().startsWith("com.poseops")
                    && !javaPackage.isAnnotatedWith(NullMarked.class)) {
                unmarked.add(javaPackage.getName());
            }
        }
        assertThat(unmarked).as("packages without @NullMarked package-info.java").isEmpty();
    }
}
