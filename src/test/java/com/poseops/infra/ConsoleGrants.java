package com.poseops.infra;

import com.poseops.infra.AwsCallScanner.AwsCall;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the console role grants (the statements of {@code ConsolePolicy} in {@code poseops-console.yml}) against what
 * the console's code calls (decision 0111). The lists below are the places to edit when a feature's AWS calls land.
 */
public final class ConsoleGrants {

    public static final Path TEMPLATE = CfnTemplate.DIRECTORY.resolve("poseops-console.yml");
    public static final String POLICY = "ConsolePolicy";
    /** Statements for the host's start script (fetching the jar and the admin password), not for the console's code. */
    public static final String HOST_STATEMENT_PREFIX = "Host";

    /**
     * Calls that only run with {@code Aws.createResources=true} (emulators, first-time dev accounts): the stack owns
     * these resources and does not grant their creation. Class → actions.
     */
    static final Map<String, Set<String>> CREATE_RESOURCES_ONLY = Map.of(
            "com.poseops.platform.persistence.TableProvisioner", Set.of("dynamodb:CreateTable",
                    "dynamodb:DescribeTimeToLive", "dynamodb:UpdateTimeToLive"),
            "com.poseops.registry.aws.SageMakerModelRegistry", Set.of("s3:CreateBucket", "s3:ListBucket",
                    "sagemaker:CreateModelPackageGroup"),
            "com.poseops.platform.notifications.aws.SnsNotificationChannel", Set.of("sns:CreateTopic"));

    /**
     * Grants for calls that the Endpoints (issue 9), Monitoring (issue 10) and Training (issue 11) features specify and
     * are adding now, granted ahead so that the stack works with their code. Remove an entry once the code calls it
     * (the test says so).
     */
    static final Map<String, String> EXPECTED_SOON = new TreeMap<>(Map.ofEntries(
            Map.entry("sagemaker:CreateTrainingJob", "issue 11"),
            Map.entry("sagemaker:DescribeTrainingJob", "issue 11"),
            Map.entry("sagemaker:StopTrainingJob", "issue 11"),
            Map.entry("sagemaker:ListTrainingJobs", "issue 11")));

    /** AWS resource type (from the authorization reference) → the ConsolePolicy statement that covers it. */
    static final Map<String, String> STATEMENT_FOR_RESOURCE_TYPE = Map.ofEntries(
            Map.entry("dynamodb:table", "Tables"),
            Map.entry("dynamodb:index", "Tables"),
            Map.entry("s3:object", "BucketObjects"),
            Map.entry("s3:bucket", "ListDatasetsAndCapture"),
            Map.entry("sagemaker:model-package", "ModelRegistry"),
            Map.entry("sagemaker:model-package-group", "ModelRegistry"),
            Map.entry("sagemaker:endpoint", "Endpoint"),
            Map.entry("sagemaker:endpoint-config", "Endpoint"),
            Map.entry("sagemaker:model", "Endpoint"),
            Map.entry("sagemaker:training-job", "TrainingJobs"),
            Map.entry("cloudwatch:alarm", "RollbackAlarms"),
            Map.entry("sns:topic", "Notifications"),
            Map.entry("iam:role", "PassExecutionRole"));

    static final String NO_RESOURCE_LEVEL_STATEMENT = "NoResourceLevelPermissions";

    private final Map<String, Set<String>> grantedBySid;

    private ConsoleGrants(Map<String, Set<String>> grantedBySid) {
        this.grantedBySid = grantedBySid;
    }

    public static ConsoleGrants of(CfnTemplate template) {
        Map<String, Set<String>> bySid = new LinkedHashMap<>();
        for (CfnTemplate.Statement statement : template.statementsOf(POLICY)) {
            if (statement.allows()) {
                bySid.computeIfAbsent(statement.sid(), sid -> new LinkedHashSet<>()).addAll(statement.actions());
            }
        }
        if (bySid.isEmpty()) {
            throw new IllegalStateException(template.path() + " has no statements in " + POLICY);
        }
        return new ConsoleGrants(bySid);
    }

    /** Every action granted to the console's code (host statements left out). */
    public Set<String> grantedToTheCode() {
        Set<String> granted = new TreeSet<>();
        grantedBySid.forEach((sid, actions) -> {
            if (!sid.startsWith(HOST_STATEMENT_PREFIX)) {
                granted.addAll(actions);
            }
        });
        return granted;
    }

    /** One message per call the role does not allow, saying what to add where. */
    public List<String> missingGrants(List<AwsCall> calls) {
        Map<String, List<AwsCall>> byAction = new TreeMap<>();
        for (AwsCall call : calls) {
            if (!isCreateResourcesOnly(call) && !grantedToTheCode().contains(call.action())) {
                byAction.computeIfAbsent(call.action(), a -> new ArrayList<>()).add(call);
            }
        }
        List<String> messages = new ArrayList<>();
        byAction.forEach((action, callers) -> messages.add("The console role does not allow " + action + ", which "
                + callers.getFirst().describe() + (callers.size() > 1 ? " and " + (callers.size() - 1) + " more" : "")
                + " needs. Add \"" + action + "\" to the Action list of " + suggestedStatement(action) + " in "
                + POLICY + " of " + TEMPLATE + "."));
        return messages;
    }

    /** One message per grant no call needs (beyond the host statements and {@link #EXPECTED_SOON}). */
    public List<String> unusedGrants(List<AwsCall> calls) {
        Set<String> called = new TreeSet<>();
        calls.stream().filter(call -> !isCreateResourcesOnly(call)).forEach(call -> called.add(call.action()));
        List<String> messages = new ArrayList<>();
        for (String action : grantedToTheCode()) {
            if (!called.contains(action) && !EXPECTED_SOON.containsKey(action)) {
                messages.add(POLICY + " grants " + action + " but no code calls it: remove it from " + TEMPLATE
                        + " (least privilege), or call it.");
            }
        }
        return messages;
    }

    /** Entries of {@link #EXPECTED_SOON} that the code now calls: the list must shrink as features land. */
    public static List<String> staleExpectations(List<AwsCall> calls) {
        List<String> messages = new ArrayList<>();
        for (String action : EXPECTED_SOON.keySet()) {
            calls.stream().filter(call -> call.action().equals(action) && !isCreateResourcesOnly(call)).findFirst()
                    .ifPresent(call -> messages.add(action + " is called now (" + call.describe() + "): remove it from "
                            + "ConsoleGrants.EXPECTED_SOON (" + EXPECTED_SOON.get(action) + ")."));
        }
        return messages;
    }

    /** Entries of {@link #CREATE_RESOURCES_ONLY} that match no call any more. */
    public static List<String> staleCreateResourcesEntries(List<AwsCall> calls) {
        List<String> messages = new ArrayList<>();
        CREATE_RESOURCES_ONLY.forEach((caller, actions) -> {
            for (String action : actions) {
                boolean matches = calls.stream().anyMatch(c -> c.caller().equals(caller) && c.action().equals(action));
                if (!matches) {
                    messages.add("ConsoleGrants.CREATE_RESOURCES_ONLY lists " + action + " for " + caller
                            + ", which no longer calls it: remove the entry.");
                }
            }
        });
        return messages;
    }

    private static boolean isCreateResourcesOnly(AwsCall call) {
        return CREATE_RESOURCES_ONLY.getOrDefault(call.caller(), Set.of()).contains(call.action());
    }

    /** The statement an action belongs to, from its resource types in AWS's authorization reference. */
    static String suggestedStatement(String action) {
        IamReference reference = IamReference.get();
        List<String> types = reference.resourceTypes(action).orElse(null);
        if (types == null) {
            return "a statement whose Resource covers what it acts on (AWS's authorization reference does not know "
                    + action + "; check the spelling)";
        }
        if (types.isEmpty()) {
            return "the statement Sid \"" + NO_RESOURCE_LEVEL_STATEMENT + "\" (Resource \"*\": it has no resource-level "
                    + "permissions) and add a row for it to the table in " + PolicyRules.NO_RESOURCE_LEVEL_RECORD;
        }
        String service = action.substring(0, action.indexOf(':'));
        for (String type : types) {
            String sid = STATEMENT_FOR_RESOURCE_TYPE.get(service + ":" + type);
            if (sid != null) {
                return "the statement Sid \"" + sid + "\" (it acts on a " + type + ")";
            }
        }
        return "a new statement whose Resource names the " + String.join(" or ", types)
                + " ARNs it acts on (then map its resource type in ConsoleGrants.STATEMENT_FOR_RESOURCE_TYPE)";
    }
}
