package com.poseops.platform.persistence.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.poseops.platform.persistence.DamagedDatabaseException;
import com.poseops.platform.aws.AwsClients;
import com.poseops.platform.config.AwsSettings;
import com.poseops.platform.config.Mode;
import com.poseops.platform.config.PoseOpsSettings;
import com.poseops.platform.persistence.DatabaseStatus;
import com.poseops.platform.persistence.DynamoDbConnection;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * DynamoDB Local that heals and that tells what is wrong: killed, it is started again and the same client works on;
 * a damaged database file stops the start with the file's name; a damaged runtime jar is extracted again.
 */
class DynamoDbLocalRecoveryTest {

    @TempDir
    Path dataDirectory;

    @Test
    void killedWithSigkillItIsStartedAgainAndTheClientWorksOnWithTheSameData() throws Exception {
        try (DynamoDbLocalSupervisor supervisor = DynamoDbLocalSupervisor.start(dataDirectory);
                DynamoDbClient client = client(supervisor)) {
            createTable(client);
            client.putItem(r -> r.tableName("items").item(java.util.Map.of("id", AttributeValue.fromS("kept"))));
            List<DatabaseStatus.State> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            supervisor.subscribe(status -> seen.add(status.state()));
            long before = supervisor.pid();

            ProcessHandle.of(before).orElseThrow().destroyForcibly(); // kill -9

            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> supervisor.current().available() && supervisor.pid() != before);
            assertThat(seen).as("states pushed to listeners").containsSubsequence(DatabaseStatus.State.RESTARTING,
                    DatabaseStatus.State.AVAILABLE);
            assertThat(client.getItem(r -> r.tableName("items").key(java.util.Map.of("id", AttributeValue.fromS("kept"))))
                    .item()).as("the item written before the kill").isNotEmpty();
        }
    }

    @Test
    void garbageOverTheFileHeaderStopsTheStartNamingTheFile() throws Exception {
        Path database = dataDirectory.resolve("dynamodb").resolve(DynamoDbLocalLauncher.DATABASE_FILE);
        Files.createDirectories(database.getParent());
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        Files.write(database, garbage);

        assertThatThrownBy(() -> DynamoDbLocalSupervisor.start(dataDirectory).close())
                .isInstanceOfSatisfying(DamagedDatabaseException.class, damaged -> {
                    assertThat(damaged.file()).isEqualTo(database);
                    assertThat(damaged.getMessage()).contains(database.toString()).contains("is damaged");
                    assertThat(damaged.action()).contains("Restore the data directory from a backup");
                });
    }

    @Test
    void fourKilobytesOfGarbageInsideTheFileStopTheStartNamingTheFile() throws Exception {
        Path database = dataDirectory.resolve("dynamodb").resolve(DynamoDbLocalLauncher.DATABASE_FILE);
        try (DynamoDbLocalSupervisor supervisor = DynamoDbLocalSupervisor.start(dataDirectory);
                DynamoDbClient client = client(supervisor)) {
            createTable(client);
            for (int i = 0; i < 200; i++) {
                String id = "item-" + i;
                client.putItem(r -> r.tableName("items").item(java.util.Map.of("id", AttributeValue.fromS(id),
                        "payload", AttributeValue.fromS("p".repeat(200)))));
            }
        }
        assertThat(Files.size(database)).as("a database larger than the damage").isGreaterThan(16 * 1024);
        byte[] garbage = new byte[4096];
        new Random(11).nextBytes(garbage);
        try (RandomAccessFile file = new RandomAccessFile(database.toFile(), "rw")) {
            file.seek(Files.size(database) / 2 / 4096 * 4096); // one whole page in the middle; the header is intact
            file.write(garbage);
        }

        assertThatThrownBy(() -> DynamoDbLocalSupervisor.start(dataDirectory).close())
                .isInstanceOfSatisfying(DamagedDatabaseException.class, damaged ->
                        assertThat(damaged.getMessage()).startsWith("The database file " + database + " is damaged ("));

        // The console starts the database in the background (the header is intact, so the start goes on): the same
        // sentence becomes the FAILED status every page and the sign-in show, and every request's error.
        PoseOpsSettings settings = new PoseOpsSettings(Mode.LOCAL, dataDirectory.toString(), null);
        try (DynamoDbConnection connection = DynamoDbConnection.startInBackground(settings,
                new AwsClients(new AwsSettings("us-east-1", "", false, "test-")))) {
            connection.prepare(() -> {
            });
            Awaitility.await().atMost(Duration.ofSeconds(120))
                    .until(() -> connection.status().current().state() == DatabaseStatus.State.FAILED);
            assertThat(connection.status().current().message())
                    .startsWith("The database file " + database + " is damaged (")
                    .contains("Restore the data directory from a backup");
            assertThatThrownBy(() -> connection.client().listTables()).hasMessageContaining("is damaged");
        }
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("")
                .contains(dataDirectory.toString())).toList()).as("processes left running").isEmpty();
    }

    @Test
    void aRuntimeJarDamagedAtTheSameSizeIsExtractedAgain() throws Exception {
        Path runtime = dataDirectory.resolve("runtime");
        Path libraries = RuntimeLibraries.unpack(runtime);
        Path jar;
        try (var files = Files.list(libraries)) {
            jar = files.filter(file -> file.getFileName().toString().startsWith("DynamoDBLocal-")).findFirst()
                    .orElseThrow();
        }
        String sha = RuntimeLibraries.sha256(jar);
        long size = Files.size(jar);
        try (RandomAccessFile file = new RandomAccessFile(jar.toFile(), "rw")) {
            file.seek(size / 2);
            file.write(new byte[4096]);
        }
        assertThat(Files.size(jar)).isEqualTo(size);
        assertThat(RuntimeLibraries.sha256(jar)).isNotEqualTo(sha);

        RuntimeLibraries.unpack(runtime);

        assertThat(RuntimeLibraries.sha256(jar)).as("SHA-256 of the jar after the next start").isEqualTo(sha);
    }

    private static DynamoDbClient client(DynamoDbLocalSupervisor supervisor) {
        return DynamoDbClient.builder()
                .endpointProvider(parameters -> CompletableFuture.completedFuture(
                        Endpoint.builder().url(supervisor.endpoint()).build()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    private static void createTable(DynamoDbClient client) {
        client.createTable(r -> r.tableName("items").billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(d -> d.attributeName("id").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)));
    }

}
