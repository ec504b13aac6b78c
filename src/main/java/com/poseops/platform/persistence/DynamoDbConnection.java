package com.poseops.platform.persistence;

import com.poseops.platform.aws.AwsClients;
import com.poseops.platform.config.Mode;
import com.poseops.platform.config.PoseOpsSettings;
import com.poseops.platform.persistence.local.DynamoDbLocalServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB the console talks to: DynamoDB Local as a child process in local mode, the account's DynamoDB (or the
 * endpoint override) in aws mode. Owns the child process and stops it on close.
 * <p>
 * In local mode the child JVM and the table creation take several seconds that the sign-in page does not need, so
 * {@link #startInBackground} returns at once: the server starts on a thread of its own (which also builds the SDK
 * client, {@link DeferredDynamoDbClient}), then the preparation handed to
 * {@link #prepare} (creating the tables) runs, and only then are requests let through ({@link DatabaseReadiness}, an
 * interceptor on the client: a request made earlier waits).
 */
public final class DynamoDbConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DynamoDbConnection.class);

    private final DynamoDbClient client;
    private final CompletableFuture<DynamoDbClient> realClient;
    private final DatabaseReadiness readiness;
    private final String description;
    private final CompletableFuture<@Nullable DynamoDbLocalServer> server;
    private volatile boolean closed;

    private DynamoDbConnection(DynamoDbClient client, CompletableFuture<DynamoDbClient> realClient,
            DatabaseReadiness readiness, String description, CompletableFuture<@Nullable DynamoDbLocalServer> server) {
        this.client = client;
        this.realClient = realClient;
        this.readiness = readiness;
        this.description = description;
        this.server = server;
    }

    /** Opens the database and returns once it answers (tests, tools); see {@link #startInBackground}. */
    public static DynamoDbConnection open(PoseOpsSettings settings, AwsClients aws) {
        DynamoDbConnection connection = startInBackground(settings, aws);
        connection.prepare(() -> {
        });
        try {
            connection.readiness.await();
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /**
     * local mode: starts DynamoDB Local on a background thread and returns at once; requests wait until it answers
     * and {@link #prepare} has run. aws mode: ready at once.
     */
    public static DynamoDbConnection startInBackground(PoseOpsSettings settings, AwsClients aws) {
        if (settings.mode() == Mode.LOCAL) {
            int port = DynamoDbLocalServer.freePort();
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            DatabaseReadiness readiness = new DatabaseReadiness();
            CompletableFuture<DynamoDbClient> realClient = new CompletableFuture<>();
            Path dataDirectory = settings.dataDirectory();
            CompletableFuture<@Nullable DynamoDbLocalServer> server = new CompletableFuture<>();
            Thread.ofPlatform().name("dynamodb-local-start").daemon().start(() -> {
                try {
                    DynamoDbLocalServer started = DynamoDbLocalServer.start(dataDirectory, port);
                    try {
                        // While the child JVM boots: the SDK client (its first build loads many classes).
                        realClient.complete(DynamoDbClient.builder()
                                .endpointOverride(endpoint)
                                .region(Region.US_EAST_1)
                                .credentialsProvider(StaticCredentialsProvider.create(
                                        AwsBasicCredentials.create("local", "local")))
                                .overrideConfiguration(configuration -> configuration.addExecutionInterceptor(readiness))
                                .build());
                        started.awaitReady();
                    } catch (RuntimeException e) {
                        started.close();
                        throw e;
                    }
                    server.complete(started);
                } catch (RuntimeException e) {
                    realClient.completeExceptionally(e);
                    server.completeExceptionally(e);
                }
            });
            DynamoDbConnection connection = new DynamoDbConnection(DeferredDynamoDbClient.of(realClient), realClient,
                    readiness, "DynamoDB Local at " + endpoint, server);
            server.thenAccept(started -> {
                if (connection.closed && started != null) {
                    started.close(); // the console stopped while it was starting
                }
            });
            return connection;
        }
        URI override = aws.endpointOverride();
        DynamoDbClient client = aws.build(DynamoDbClient.builder());
        return new DynamoDbConnection(client, CompletableFuture.completedFuture(client), DatabaseReadiness.alreadyOpen(),
                "DynamoDB in " + aws.region() + (override == null ? "" : " via " + override),
                CompletableFuture.completedFuture(null));
    }

    /**
     * Runs {@code preparation} (e.g. creating the tables) once the database answers — on the starting thread in
     * local mode, at once in aws mode — and lets requests through when it has succeeded. A failure is logged and
     * given to every request (and to the health check) as the reason.
     */
    public void prepare(Runnable preparation) {
        if (readiness.isOpen()) {
            preparation.run();
            return;
        }
        // On a thread of its own, also when the server is already up: the caller (context start) never waits here.
        server.thenRunAsync(() -> readiness.runPreparing(preparation),
                task -> Thread.ofPlatform().name("dynamodb-prepare").daemon().start(task))
                .whenComplete((ignored, failure) -> opened(failure));
    }

    private void opened(@Nullable Throwable failure) {
        if (failure == null) {
            readiness.open();
            log.info("{} is ready", description);
        } else {
            readiness.fail(failure);
            log.error("PoseOps cannot use its database: {}", readiness.failure().orElse(failure.toString()));
        }
    }

    public DynamoDbClient client() {
        return client;
    }

    /** The local child process once it has started (local mode), else null. */
    public @Nullable DynamoDbLocalServer localServer() {
        return server.isDone() && !server.isCompletedExceptionally() ? server.join() : null;
    }

    /** Whether requests go through now (the database answers and is prepared). */
    public boolean isReady() {
        return readiness.isOpen();
    }

    /** Why the database could not be started or prepared, once that is known. */
    public Optional<String> failure() {
        return readiness.failure();
    }

    public String description() {
        return description;
    }

    @Override
    public void close() {
        closed = true;
        DynamoDbClient built = realClient.isDone() && !realClient.isCompletedExceptionally() ? realClient.join() : null;
        if (built != null) {
            built.close();
        }
        DynamoDbLocalServer started = localServer();
        if (started != null) {
            started.close();
        }
    }
}
