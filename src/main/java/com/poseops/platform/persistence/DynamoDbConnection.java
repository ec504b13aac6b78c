package com.poseops.platform.persistence;

import com.poseops.platform.aws.AwsClients;
import com.poseops.platform.config.Mode;
import com.poseops.platform.config.PoseOpsSettings;
import com.poseops.platform.persistence.local.DynamoDbLocalServer;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB the console talks to: DynamoDB Local as a child process in local mode, the account's DynamoDB (or the
 * endpoint override) in aws mode. Owns the child process and stops it on close.
 */
public final class DynamoDbConnection implements AutoCloseable {

    private final DynamoDbClient client;
    private final @Nullable DynamoDbLocalServer localServer;
    private final String description;

    private DynamoDbConnection(DynamoDbClient client, @Nullable DynamoDbLocalServer localServer, String description) {
        this.client = client;
        this.localServer = localServer;
        this.description = description;
    }

    public static DynamoDbConnection open(PoseOpsSettings settings, AwsClients aws) {
        if (settings.mode() == Mode.LOCAL) {
            DynamoDbLocalServer server = DynamoDbLocalServer.start(settings.dataDirectory());
            try {
                server.awaitReady();
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            DynamoDbClient client = DynamoDbClient.builder()
                    .endpointOverride(server.endpoint())
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .build();
            return new DynamoDbConnection(client, server, "DynamoDB Local at " + server.endpoint());
        }
        URI override = aws.endpointOverride();
        return new DynamoDbConnection(aws.build(DynamoDbClient.builder()), null,
                "DynamoDB in " + aws.region() + (override == null ? "" : " via " + override));
    }

    public DynamoDbClient client() {
        return client;
    }

    public @Nullable DynamoDbLocalServer localServer() {
        return localServer;
    }

    public String description() {
        return description;
    }

    @Override
    public void close() {
        client.close();
        if (localServer != null) {
            localServer.close();
        }
    }
}
