package com.poseops.platform.persistence;

import com.poseops.platform.aws.AwsClients;
import com.poseops.platform.config.Mode;
import com.poseops.platform.config.PoseOpsSettings;
import com.poseops.platform.persistence.local.DynamoDbLocalSupervisor;
import java.net.URI;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB the console talks to: DynamoDB Local as a supervised child process in local mode (the client follows
 * it to each new port after a restart, and its writes pass a {@link DatabaseWriteGate} so that a backup can copy a
 * consistent file), the account's DynamoDB (or the endpoint override) in aws mode. Owns the child process and stops
 * it on close.
 */
public final class DynamoDbConnection implements AutoCloseable {

    private final DynamoDbClient client;
    private final @Nullable DynamoDbLocalSupervisor localServer;
    private final @Nullable DatabaseWriteGate writeGate;
    private final String awsDescription;

    private DynamoDbConnection(DynamoDbClient client, @Nullable DynamoDbLocalSupervisor localServer,
            @Nullable DatabaseWriteGate writeGate, String awsDescription) {
        this.client = client;
        this.localServer = localServer;
        this.writeGate = writeGate;
        this.awsDescription = awsDescription;
    }

    /**
     * @throws DatabaseStartException in local mode, when DynamoDB Local cannot be started (e.g. a damaged file)
     */
    public static DynamoDbConnection open(PoseOpsSettings settings, AwsClients aws) {
        if (settings.mode() == Mode.LOCAL) {
            DynamoDbLocalSupervisor server = DynamoDbLocalSupervisor.start(settings.dataDirectory());
            DatabaseWriteGate gate = new DatabaseWriteGate();
            DynamoDbClient client = DynamoDbClient.builder()
                    .endpointProvider(parameters -> CompletableFuture.completedFuture(
                            Endpoint.builder().url(server.endpoint()).build()))
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .overrideConfiguration(override -> override.addExecutionInterceptor(gate))
                    .build();
            return new DynamoDbConnection(client, server, gate, "");
        }
        URI override = aws.endpointOverride();
        return new DynamoDbConnection(aws.build(DynamoDbClient.builder()), null, null,
                "DynamoDB in " + aws.region() + (override == null ? "" : " via " + override));
    }

    public DynamoDbClient client() {
        return client;
    }

    /** The supervised DynamoDB Local of local mode; null in aws mode. */
    public @Nullable DynamoDbLocalSupervisor localServer() {
        return localServer;
    }

    /** The write gate of local mode (backups); null in aws mode. */
    public @Nullable DatabaseWriteGate writeGate() {
        return writeGate;
    }

    /** Whether the database can be used now: the supervisor's view in local mode; always available in aws mode. */
    public DatabaseStatus status() {
        if (localServer != null) {
            return localServer;
        }
        DatabaseStatus.Snapshot available = new DatabaseStatus.Snapshot(DatabaseStatus.State.AVAILABLE,
                "The database is " + awsDescription + ".", Instant.now());
        return new DatabaseStatus() {
            @Override
            public Snapshot current() {
                return available;
            }

            @Override
            public Subscription subscribe(Consumer<Snapshot> listener) {
                return () -> { };
            }
        };
    }

    public String description() {
        return localServer != null ? "DynamoDB Local at " + localServer.endpoint() : awsDescription;
    }

    @Override
    public void close() {
        client.close();
        if (localServer != null) {
            localServer.close();
        }
    }
}
