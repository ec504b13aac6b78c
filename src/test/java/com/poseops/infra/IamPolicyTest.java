package com.poseops.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rules of decision 0111 on every template: no wildcard action in an Allow, {@code Resource: "*"} only for the
 * actions listed as having no resource-level permissions (and those really have none, per AWS's reference), every store
 * encrypted, no public bucket. Each rule is also shown failing on a changed copy of a real template.
 */
class IamPolicyTest {

    private static final Path CONSOLE = CfnTemplate.DIRECTORY.resolve("poseops-console.yml");
    private static final Path STORAGE = CfnTemplate.DIRECTORY.resolve("poseops-storage.yml");

    @Test
    void everyTemplateFollowsTheRules() {
        Set<String> noResourceLevel = PolicyRules.noResourceLevelActions();
        List<CfnTemplate> templates = CfnTemplate.all();
        assertThat(templates).extracting(t -> t.path().getFileName().toString())
                .contains("poseops-console.yml", "poseops-storage.yml");
        for (CfnTemplate template : templates) {
            assertThat(PolicyRules.violations(template, noResourceLevel)).as("violations in %s", template.path())
                    .isEmpty();
        }
    }

    @Test
    void theActionsListedWithoutResourceLevelPermissionsReallyHaveNoneAndAreAllUsed() {
        Set<String> listed = PolicyRules.noResourceLevelActions();
        assertThat(listed).contains("cloudwatch:GetMetricData", "ecr:GetAuthorizationToken");
        IamReference reference = IamReference.get();
        for (String action : listed) {
            assertThat(reference.hasNoResourceLevelPermissions(action))
                    .as("%s has no resource types in AWS's authorization reference (%s)", action,
                            reference.resourceTypes(action).map(Object::toString).orElse("unknown action"))
                    .isTrue();
        }
        Set<String> onStar = new java.util.TreeSet<>();
        CfnTemplate.all().forEach(t -> t.statements().stream()
                .filter(s -> s.allows() && s.onEveryResource() && s.kind() != CfnTemplate.PolicyKind.KEY)
                .forEach(s -> onStar.addAll(s.actions())));
        assertThat(onStar).as("the decision record lists exactly the actions granted on \"*\"")
                .containsExactlyInAnyOrderElementsOf(listed);
    }

    @Test
    void passRoleIsOnlyForTheExecutionRoleAndOnlyToSageMaker() {
        List<CfnTemplate.Statement> passRole = CfnTemplate.all().stream().flatMap(t -> t.statements().stream())
                .filter(s -> s.allows() && s.actions().contains("iam:PassRole")).toList();
        assertThat(passRole).singleElement().satisfies(statement -> {
            assertThat(statement.actions()).containsExactly("iam:PassRole");
            assertThat(statement.resources()).containsExactly(java.util.Map.of("Fn::GetAtt", List.of("ExecutionRole", "Arn")));
            assertThat(statement.raw().get("Condition")).isEqualTo(java.util.Map.of("StringEquals",
                    java.util.Map.of("iam:PassedToService", "sagemaker.amazonaws.com")));
        });
    }

    @Test
    void anAddedWildcardActionFails() throws IOException {
        CfnTemplate changed = changed(CONSOLE, "              - sns:Publish\n",
                "              - sns:Publish\n              - \"sns:*\"\n");
        assertThat(PolicyRules.wildcardActions(changed)).singleElement().asString()
                .contains("ConsolePolicy statement Sid Notifications allows the wildcard action 'sns:*'");

        CfnTemplate everything = changed(CONSOLE, "Action: ecr:GetAuthorizationToken", "Action: \"*\"");
        assertThat(PolicyRules.wildcardActions(everything)).singleElement().asString()
                .contains("ExecutionRole statement Sid NoResourceLevelPermissions allows the wildcard action '*'");
    }

    @Test
    void resourceStarOnAnActionThatCanBeScopedFails() throws IOException {
        CfnTemplate changed = changed(CONSOLE, "              - sagemaker:ListTrainingJobs\n",
                "              - sagemaker:ListTrainingJobs\n              - sagemaker:DescribeEndpoint\n");
        assertThat(PolicyRules.resourceStar(changed, PolicyRules.noResourceLevelActions())).singleElement().asString()
                .contains("allows sagemaker:DescribeEndpoint on Resource \"*\"");
    }

    @Test
    void anUnencryptedStoreFails() throws IOException {
        String storage = Files.readString(STORAGE);
        String withoutSse = storage.replaceFirst("      SSESpecification:\n        SSEEnabled: true\n", "");
        assertThat(PolicyRules.unencryptedStores(CfnTemplate.parse(STORAGE, withoutSse))).singleElement().asString()
                .contains("DynamoDB table AuditTable has no SSESpecification.SSEEnabled: true");

        CfnTemplate plainTopic = changed(CONSOLE, "      KmsMasterKeyId:\n        Ref: NotificationKey\n", "");
        assertThat(PolicyRules.unencryptedStores(plainTopic)).singleElement().asString()
                .contains("SNS topic NotificationTopic has no KmsMasterKeyId");
    }

    @Test
    void aPublicBucketFails() throws IOException {
        CfnTemplate openBlock = changed(STORAGE, "        RestrictPublicBuckets: true", "        RestrictPublicBuckets: false");
        assertThat(PolicyRules.publicBuckets(openBlock)).singleElement().asString()
                .contains("ArtifactBucket does not set PublicAccessBlockConfiguration.RestrictPublicBuckets: true");

        CfnTemplate readableByAnyone = changed(STORAGE, "            Effect: Deny\n", "            Effect: Allow\n");
        assertThat(PolicyRules.publicBuckets(readableByAnyone)).singleElement().asString()
                .contains("allows Principal \"*\" (a public bucket)");
    }

    @Test
    void theConsoleTemplateFitsInlineDeploys() throws IOException {
        // `aws cloudformation deploy` sends a template of up to 51,200 bytes inline; a larger one needs an S3 bucket
        // for the template, which the first deploy does not have yet.
        try (Stream<Path> files = Files.list(CfnTemplate.DIRECTORY)) {
            for (Path template : files.filter(p -> p.toString().endsWith(".yml")).toList()) {
                assertThat(Files.size(template)).as("size of %s", template).isLessThan(51_200);
            }
        }
    }

    private static CfnTemplate changed(Path path, String from, String to) throws IOException {
        String text = Files.readString(path);
        String changed = text.replace(from, to);
        assertThat(changed).as("the change applies to %s", path).isNotEqualTo(text);
        return CfnTemplate.parse(path, changed);
    }
}
