package com.poseops.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The project's rules for its CloudFormation templates (decision 0111), as checks that return one readable line per
 * violation: no wildcard action in an Allow, {@code Resource: "*"} only for actions without resource-level permissions,
 * every store encrypted at rest, no public bucket.
 */
public final class PolicyRules {

    /** The decision record whose table lists the actions allowed on {@code Resource: "*"}. */
    public static final Path NO_RESOURCE_LEVEL_RECORD =
            Path.of("docs", "decisions", "0111-least-privilege-derived-from-the-code.md");

    private static final Pattern TABLE_ACTION = Pattern.compile("^\\|\\s*`([a-z0-9-]+:[A-Za-z0-9]+)`\\s*\\|");

    private PolicyRules() {
    }

    /** Every violation of every rule in {@code template}. */
    public static List<String> violations(CfnTemplate template, Set<String> noResourceLevelActions) {
        List<String> violations = new ArrayList<>();
        violations.addAll(wildcardActions(template));
        violations.addAll(resourceStar(template, noResourceLevelActions));
        violations.addAll(unencryptedStores(template));
        violations.addAll(publicBuckets(template));
        return violations;
    }

    /** An Allow whose action has a {@code *} (all actions, a service's, or a pattern like {@code s3:Get*}). */
    public static List<String> wildcardActions(CfnTemplate template) {
        List<String> violations = new ArrayList<>();
        for (CfnTemplate.Statement statement : template.statements()) {
            if (statement.raw().containsKey("NotAction")) {
                violations.add(name(template) + ": " + statement.where() + " uses NotAction (grants everything else)");
            }
            if (!statement.allows()) {
                continue;
            }
            for (String action : statement.actions()) {
                if (action.contains("*")) {
                    violations.add(name(template) + ": " + statement.where() + " allows the wildcard action '" + action
                            + "'; name each action the code calls");
                }
            }
        }
        return violations;
    }

    /** An Allow on every resource with an action that can be scoped (key policies excepted: "*" is the key). */
    public static List<String> resourceStar(CfnTemplate template, Set<String> noResourceLevelActions) {
        List<String> violations = new ArrayList<>();
        for (CfnTemplate.Statement statement : template.statements()) {
            if (!statement.allows() || statement.kind() == CfnTemplate.PolicyKind.KEY || !statement.onEveryResource()) {
                continue;
            }
            for (String action : statement.actions()) {
                if (!noResourceLevelActions.contains(action)) {
                    violations.add(name(template) + ": " + statement.where() + " allows " + action
                            + " on Resource \"*\", but it is not listed as an action without resource-level permissions"
                            + " (" + NO_RESOURCE_LEVEL_RECORD + "); scope it to the ARNs it acts on");
                }
            }
        }
        return violations;
    }

    /** Tables, buckets, topics, queues, repositories and instance volumes must be encrypted at rest. */
    public static List<String> unencryptedStores(CfnTemplate template) {
        List<String> violations = new ArrayList<>();
        template.propertiesOf("AWS::DynamoDB::Table").forEach((id, properties) -> {
            Object sse = properties.get("SSESpecification");
            if (!(sse instanceof Map<?, ?> spec) || !Boolean.TRUE.equals(spec.get("SSEEnabled"))) {
                violations.add(name(template) + ": DynamoDB table " + id + " has no SSESpecification.SSEEnabled: true");
            }
        });
        template.propertiesOf("AWS::S3::Bucket").forEach((id, properties) -> {
            if (!properties.containsKey("BucketEncryption")) {
                violations.add(name(template) + ": bucket " + id + " has no BucketEncryption");
            }
        });
        template.propertiesOf("AWS::SNS::Topic").forEach((id, properties) -> {
            if (!properties.containsKey("KmsMasterKeyId")) {
                violations.add(name(template) + ": SNS topic " + id + " has no KmsMasterKeyId");
            }
        });
        template.propertiesOf("AWS::SQS::Queue").forEach((id, properties) -> {
            if (!properties.containsKey("KmsMasterKeyId") && !Boolean.TRUE.equals(properties.get("SqsManagedSseEnabled"))) {
                violations.add(name(template) + ": SQS queue " + id + " is not encrypted");
            }
        });
        template.propertiesOf("AWS::ECR::Repository").forEach((id, properties) -> {
            if (!properties.containsKey("EncryptionConfiguration")) {
                violations.add(name(template) + ": ECR repository " + id + " has no EncryptionConfiguration");
            }
        });
        template.propertiesOf("AWS::EC2::Instance").forEach((id, properties) -> {
            List<Object> mappings = CfnTemplate.list(properties.get("BlockDeviceMappings"));
            if (mappings.isEmpty()) {
                violations.add(name(template) + ": instance " + id + " does not declare an encrypted root volume");
            }
            for (Object mapping : mappings) {
                Object ebs = CfnTemplate.map(mapping).get("Ebs");
                if (!(ebs instanceof Map<?, ?> volume) || !Boolean.TRUE.equals(volume.get("Encrypted"))) {
                    violations.add(name(template) + ": instance " + id + " has an unencrypted volume");
                }
            }
        });
        return violations;
    }

    /** A bucket must block every kind of public access, and no bucket policy may allow anyone. */
    public static List<String> publicBuckets(CfnTemplate template) {
        List<String> violations = new ArrayList<>();
        template.propertiesOf("AWS::S3::Bucket").forEach((id, properties) -> {
            Object block = properties.get("PublicAccessBlockConfiguration");
            for (String setting : List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls",
                    "RestrictPublicBuckets")) {
                if (!(block instanceof Map<?, ?> config) || !Boolean.TRUE.equals(config.get(setting))) {
                    violations.add(name(template) + ": bucket " + id + " does not set PublicAccessBlockConfiguration."
                            + setting + ": true");
                }
            }
            Object acl = properties.get("AccessControl");
            if (acl != null && String.valueOf(acl).startsWith("Public")) {
                violations.add(name(template) + ": bucket " + id + " has the public ACL " + acl);
            }
        });
        for (CfnTemplate.Statement statement : template.statements()) {
            if (statement.kind() == CfnTemplate.PolicyKind.BUCKET && statement.allows()
                    && isEveryone(statement.raw().get("Principal"))) {
                violations.add(name(template) + ": " + statement.where() + " allows Principal \"*\" (a public bucket)");
            }
        }
        return violations;
    }

    /** The actions in the table of {@link #NO_RESOURCE_LEVEL_RECORD}, between its markers. */
    public static Set<String> noResourceLevelActions() {
        try {
            List<String> lines = Files.readAllLines(NO_RESOURCE_LEVEL_RECORD);
            int begin = lines.indexOf("<!-- no-resource-level-actions:begin -->");
            int end = lines.indexOf("<!-- no-resource-level-actions:end -->");
            if (begin < 0 || end < begin) {
                throw new IllegalStateException(NO_RESOURCE_LEVEL_RECORD + " lost its no-resource-level-actions markers");
            }
            Set<String> actions = new LinkedHashSet<>();
            for (String line : lines.subList(begin + 1, end)) {
                Matcher row = TABLE_ACTION.matcher(line);
                if (row.find()) {
                    actions.add(row.group(1));
                }
            }
            return actions;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isEveryone(Object principal) {
        if ("*".equals(principal)) {
            return true;
        }
        if (principal instanceof Map<?, ?> map) {
            return CfnTemplate.list(map.get("AWS")).contains("*");
        }
        return false;
    }

    private static String name(CfnTemplate template) {
        return template.path().getFileName().toString();
    }
}
