package com.poseops.platform.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.testsupport.PoseOpsSpringTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yaml.snakeyaml.Yaml;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;

/**
 * aws mode only checks its tables at start; they come from infra/cloudformation. A table a feature declares in code
 * but the template lacks (or with other keys) would stop the console in a real account, so the two are compared here.
 */
@PoseOpsSpringTest
class CloudFormationTemplateTest {

    private static final Path TEMPLATE = Path.of("infra/cloudformation/poseops-storage.yml");

    @Autowired
    DynamoDbTables tables;

    @Test
    void everyTableDeclaredInCodeIsInTheTemplateWithTheSameKeysAndIndexes() throws IOException {
        Map<String, Map<String, Object>> templateTables = templateTablesByName();

        for (TableDefinition<?> definition : tables.definitions()) {
            Map<String, Object> table = templateTables.get(definition.name());
            assertThat(table).as("table %s in %s", definition.name(), TEMPLATE).isNotNull();
            TableMetadata metadata = definition.schema().tableMetadata();

            assertThat(keys(table.get("KeySchema"))).as("key schema of %s", definition.name())
                    .containsExactly(metadata.primaryPartitionKey(), metadata.primarySortKey().orElse(null));
            Map<String, Object> indexes = new LinkedHashMap<>();
            for (Object index : list(table.get("GlobalSecondaryIndexes"))) {
                Map<String, Object> gsi = map(index);
                indexes.put((String) gsi.get("IndexName"), gsi);
            }
            assertThat(indexes.keySet()).as("indexes of %s", definition.name())
                    .containsExactlyInAnyOrderElementsOf(definition.secondaryIndexes());
            for (String indexName : definition.secondaryIndexes()) {
                assertThat(keys(map(indexes.get(indexName)).get("KeySchema"))).as("keys of index %s", indexName)
                        .containsExactly(metadata.indexPartitionKey(indexName),
                                metadata.indexSortKey(indexName).orElse(null));
            }
            assertThat(table).containsEntry("BillingMode", "PAY_PER_REQUEST");
            Object ttl = table.get("TimeToLiveSpecification");
            if (definition.timeToLiveAttribute() == null) {
                assertThat(ttl).as("time to live of %s", definition.name()).isNull();
            } else {
                assertThat(map(ttl)).as("time to live of %s", definition.name())
                        .containsEntry("AttributeName", definition.timeToLiveAttribute())
                        .containsEntry("Enabled", true);
            }
            assertThat(table).as("%s keeps its data: deletion protection", definition.name())
                    .containsEntry("DeletionProtectionEnabled", true);
            assertThat(table.get("PointInTimeRecoverySpecification")).as("%s: point-in-time recovery", definition.name())
                    .isEqualTo(Map.of("PointInTimeRecoveryEnabled", true));
        }
        assertThat(new TreeSet<>(templateTables.keySet())).as("tables in the template that no code uses")
                .isEqualTo(new TreeSet<>(tables.definitions().stream().map(TableDefinition::name).toList()));
    }

    @Test
    void everyTemplatePassesCfnLint() throws Exception {
        List<String> command = new ArrayList<>(List.of("cfn-lint"));
        try (var files = Files.list(TEMPLATE.getParent())) {
            files.filter(p -> p.toString().endsWith(".yml")).sorted().forEach(p -> command.add(p.toString()));
        }
        assertThat(command).as("templates found").hasSizeGreaterThan(2);
        Process lint = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = lint.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(lint.waitFor(120, TimeUnit.SECONDS)).as("cfn-lint finished").isTrue();
        assertThat(lint.exitValue()).as("cfn-lint exit code; output:%n%s", output).isZero();
    }

    private static Map<String, Map<String, Object>> templateTablesByName() throws IOException {
        Map<String, Object> template = new Yaml().load(Files.readString(TEMPLATE));
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        for (Object resource : map(template.get("Resources")).values()) {
            Map<String, Object> r = map(resource);
            if ("AWS::DynamoDB::Table".equals(r.get("Type"))) {
                Map<String, Object> properties = map(r.get("Properties"));
                String sub = (String) map(properties.get("TableName")).get("Fn::Sub");
                assertThat(sub).as("table names are ${TablePrefix}<name>").startsWith("${TablePrefix}");
                byName.put(sub.substring("${TablePrefix}".length()), properties);
            }
        }
        return byName;
    }

    private static List<String> keys(Object keySchema) {
        List<String> keys = new ArrayList<>();
        String[] order = {"HASH", "RANGE"};
        for (String type : order) {
            keys.add(list(keySchema).stream().map(CloudFormationTemplateTest::map)
                    .filter(k -> type.equals(k.get("KeyType"))).map(k -> (String) k.get("AttributeName"))
                    .findFirst().orElse(null));
        }
        return keys;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static List<?> list(Object value) {
        return value == null ? List.of() : (List<?>) value;
    }
}
