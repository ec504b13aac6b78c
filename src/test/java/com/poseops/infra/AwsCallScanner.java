package com.poseops.infra;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds every AWS call in the compiled classes of the console: each call of a method on an AWS SDK client, waiter,
 * presigner or DynamoDB enhanced table, mapped to IAM actions by {@link SdkOperations}. Reading byte code (ArchUnit)
 * rather than source sees calls in lambdas and through helpers alike.
 *
 * <p>What runs in aws mode is scanned: every class of {@code com.poseops} except {@code ..local..} packages (local-mode
 * adapters) and {@code com.poseops.inference} (the inference server, which never calls AWS).
 */
public final class AwsCallScanner {

    /**
     * One AWS call site.
     *
     * @param action   the IAM action, e.g. {@code sagemaker:DescribeEndpoint}
     * @param sdkCall  what the code calls, e.g. {@code SageMakerClient.describeEndpoint}
     * @param caller   the calling class
     * @param location source file and line, e.g. {@code SageMakerServingModel.java:34}
     */
    public record AwsCall(String action, String sdkCall, String caller, String location) {

        public String describe() {
            return sdkCall + "() in " + caller + " (" + location + ")";
        }
    }

    private AwsCallScanner() {
    }

    /** The AWS calls of the console's production classes that can run in aws mode. */
    public static List<AwsCall> consoleCalls() {
        JavaClasses classes = withoutResolvingDependencies(() -> new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.poseops"));
        return calls(classes.stream()
                .filter(c -> !c.getPackageName().contains(".local"))
                .filter(c -> !c.getPackageName().startsWith("com.poseops.inference"))
                .toList());
    }

    /** The AWS calls made by the given classes (also usable on a test fixture). */
    public static List<AwsCall> callsOf(Class<?>... types) {
        return calls(withoutResolvingDependencies(() -> new ClassFileImporter().importClasses(types)).stream().toList());
    }

    /**
     * The owner's name of each call is in the byte code; loading the SDK and Vaadin classes it names (ArchUnit's
     * default) would only make the scan slow (a minute and more on a loaded machine).
     */
    private static JavaClasses withoutResolvingDependencies(java.util.function.Supplier<JavaClasses> importer) {
        ArchConfiguration configuration = ArchConfiguration.get();
        boolean before = configuration.resolveMissingDependenciesFromClassPath();
        configuration.setResolveMissingDependenciesFromClassPath(false);
        try {
            return importer.get();
        } finally {
            configuration.setResolveMissingDependenciesFromClassPath(before);
        }
    }

    private static List<AwsCall> calls(List<JavaClass> classes) {
        List<AwsCall> found = new ArrayList<>();
        for (JavaClass javaClass : classes) {
            for (JavaMethodCall call : javaClass.getMethodCallsFromSelf()) {
                String owner = call.getTargetOwner().getName();
                String method = call.getName();
                Optional<List<String>> actions = SdkOperations.actionsFor(owner, method);
                if (actions.isEmpty()) {
                    continue;
                }
                String sdkCall = call.getTargetOwner().getSimpleName() + "." + method;
                String location = call.getSourceCodeLocation().getSourceFileName() + ":" + call.getLineNumber();
                for (String action : actions.get()) {
                    found.add(new AwsCall(action, sdkCall, javaClass.getName(), location));
                }
            }
        }
        found.sort(Comparator.comparing(AwsCall::action).thenComparing(AwsCall::caller));
        return found;
    }
}
