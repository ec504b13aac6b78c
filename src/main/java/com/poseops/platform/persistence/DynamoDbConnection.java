package com.poseops.platform.persistence;

import com.poseops.platform.aws.AwsClients;
import com.poseops.platform.config.Mode;
import com.poseops.platform.config.PoseOpsSettings;
import com.poseops.platform.persistence.local.DynamoDbLocalServer;
import com.poseops.platform.persistence.local.DynamoDbLocalSupervisor;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB the console talks to: DynamoDB Local as a supervised child process in local mode, the account's
 * DynamoDB (or the endpoint override) in aws mode. Owns the child process and stops it on close.
 * <p>
 * In local mode the child JVM and the table creation take several seconds that the sign-in page does not need, so
 * {@link #startInBackground} returns at once (after the millisecond checks of the database file, so that a file that
 * is not a database still stops the start with one line): the {@link DynamoDbLocalSupervisor} starts the server on a
 * thread of its own while another builds the SDK client ({@link DeferredDynamoDbClient}), then the preparation handed
 * to {@link #prepare} (creating the tables) runs, and only then are requests let through ({@link DatabaseReadiness},
 * an interceptor on the client: a request made earlier waits). From then on the supervisor keeps the server running:
 * the client follows it to each new port after a restart, and its writes pass a {@link DatabaseWriteGate} so that a
 * backup can copy a consistent file.
 */
public final class DynamoDbConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DynamoDbConnection.class);

    private final DynamoDbClient client;
    private final CompletableFuture<DynamoDbClient> realClient;
    private final DatabaseReadiness readiness;
    private final CompletableFuture<Void> started;
    private final @Nullable DynamoDbLocalSupervisor localServer;
    private final @Nullable DatabaseWriteGate writeGate;
    private final ConnectionStatus status;
    private final String awsDescription;

    private DynamoDbConnection(DynamoDbClient client, CompletableFuture<DynamoDbClient> realClient,
            DatabaseReadiness readiness, CompletableFuture<Void> started,
            @Nullable DynamoDbLocalSupervisor localServer, @Nullable DatabaseWriteGate writeGate,
            String awsDescription) {
        this.client = client;
        this.realClient = realClient;
        this.readiness = readiness;
        this.started = started;
        this.localServer = localServer;
        this.writeGate = writeGate;
        this.awsDescription = awsDescription;
        this.status = new ConnectionStatus(readiness, localServer, awsDescription);
    }

    /**
     * Opens the database and returns once it answers (tests, tools); see {@link #startInBackground}.
     *
     * @throws DatabaseStartException in local mode, when DynamoDB Local cannot be started (e.g. a damaged file)
     */
    public static DynamoDbConnection open(PoseOpsSettings settings, AwsClients aws) {
        DynamoDbConnection connection = startInBackground(settings, aws);
        connection.prepare(() -> {
        });
        try {
            connection.started.join();
            connection.readiness.await();
        } catch (CompletionException e) {
            connection.close();
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /**
     * local mode: checks the database file (milliseconds), starts DynamoDB Local on a background thread and returns;
     * requests wait until it answers and {@link #prepare} has run. aws mode: ready at once.
     *
     * @throws DatabaseStartException in local mode, when the database file is not a database at all
     */
    public static DynamoDbConnection startInBackground(PoseOpsSettings settings, AwsClients aws) {
        if (settings.mode() == Mode.LOCAL) {
            Path dataDirectory = settings.dataDirectory();
            DynamoDbLocalServer.checkBeforeStart(dataDirectory);
            DynamoDbLocalSupervisor supervisor = DynamoDbLocalSupervisor.create(dataDirectory);
            DatabaseReadiness readiness = new DatabaseReadiness();
            DatabaseWriteGate gate = new DatabaseWriteGate();
            // While the child JVM boots: the SDK client (its first build loads many classes).
            CompletableFuture<DynamoDbClient> realClient = CompletableFuture.supplyAsync(
                    () -> DynamoDbClient.builder()
                            .endpointProvider(parameters -> CompletableFuture.completedFuture(
                                    Endpoint.builder().url(endpointOf(supervisor)).build()))
                            .region(Region.US_EAST_1)
                            .credentialsProvider(StaticCredentialsProvider.create(
                                    AwsBasicCredentials.create("local", "local")))
                            .overrideConfiguration(configuration -> configuration
                                    .addExecutionInterceptor(readiness)
                                    .addExecutionInterceptor(gate))
                            .build(),
                    task -> Thread.ofPlatform().name("dynamodb-client-build").daemon().start(task));
            CompletableFuture<Void> started = CompletableFuture.runAsync(supervisor::startFirst,
                    task -> Thread.ofPlatform().name("dynamodb-local-start").daemon().start(task));
            return new DynamoDbConnection(DeferredDynamoDbClient.of(realClient), realClient, readiness,
                    started.thenCombine(realClient, (ignored, built) -> null), supervisor, gate, "");
        }
        URI override = aws.endpointOverride();
        DynamoDbClient client = aws.build(DynamoDbClient.builder());
        return new DynamoDbConnection(client, CompletableFuture.completedFuture(client),
                DatabaseReadiness.alreadyOpen(), CompletableFuture.completedFuture(null), null, null,
                "DynamoDB in " + aws.region() + (override == null ? "" : " via " + override));
    }

    private static URI endpointOf(DynamoDbLocalSupervisor supervisor) {
        try {
            return supervisor.endpoint();
        } catch (IllegalStateException notYet) {
            throw SdkClientException.create("The database is starting; try again in a moment.");
        }
    }

    /**
     * Runs {@code preparation} (e.g. creating the tables) once the database answers — on a thread of its own in
     * local mode, at once in aws mode — and lets requests through when it has succeeded. A failure is logged and
     * given to every request, to the health check and to the pages ({@link #status()}) as the reason.
     */
    public void prepare(Runnable preparation) {
        if (readiness.isOpen()) {
            preparation.run();
            return;
        }
        // On a thread of its own, also when the server is already up: the caller (context start) never waits here.
        started.thenRunAsync(() -> readiness.runPreparing(preparation),
                task -> Thread.ofPlatform().name("dynamodb-prepare").daemon().start(task))
                .whenComplete((ignored, failure) -> opened(failure));
    }

    private void opened(@Nullable Throwable failure) {
        if (failure == null) {
            readiness.open();
            log.info("{} is ready", description());
        } else {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            readiness.fail(cause instanceof DatabaseStartException start
                    ? new DatabaseStartException(start.getMessage() + " " + start.action(), start.action(), start)
                    : cause);
            log.error("PoseOps cannot use its database: {}", readiness.failure().orElse(cause.toString()));
        }
        status.readinessChanged();
    }

    public DynamoDbClient client() {
        return client;
    }

    /** The supervised DynamoDB Local of local mode (it may still be starting, see {@link #isReady()}); null in aws. */
    public @Nullable DynamoDbLocalSupervisor localServer() {
        return localServer;
    }

    /** The write gate of local mode (backups); null in aws mode. */
    public @Nullable DatabaseWriteGate writeGate() {
        return writeGate;
    }

    /** Whether requests go through now (the database answers and is prepared). */
    public boolean isReady() {
        return readiness.isOpen();
    }

    /** Why the database could not be started or prepared, once that is known. */
    public Optional<String> failure() {
        return readiness.failure();
    }

    /**
     * Whether the database can be used now, for the pages and the sign-in: starting (requests wait), then the
     * supervisor's view in local mode (restarting, failed); always available in aws mode.
     */
    public DatabaseStatus status() {
        return status;
    }

    public String description() {
        if (localServer == null) {
            return awsDescription;
        }
        try {
            return "DynamoDB Local at " + localServer.endpoint();
        } catch (IllegalStateException notYet) {
            return "DynamoDB Local (starting)";
        }
    }

    @Override
    public void close() {
        DynamoDbClient built = realClient.isDone() && !realClient.isCompletedExceptionally() ? realClient.join() : null;
        if (built != null) {
            built.close();
        }
        if (localServer != null) {
            localServer.close();
        }
    }
}
