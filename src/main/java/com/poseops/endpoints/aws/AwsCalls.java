package com.poseops.endpoints.aws;

import com.poseops.endpoints.EndpointBusyException;
import com.poseops.endpoints.EndpointUnavailableException;
import com.poseops.platform.Text;
import com.poseops.platform.Throwables;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * How the control plane talks to AWS: bounded retries with backoff, then one exception with a message a person can act
 * on.
 * <p>
 * Retries are the SDK's standard strategy (throttling, 5xx, I/O errors and attempt timeouts are retried; validation and
 * access errors are not) with {@link Limits#maxAttempts} attempts, exponential backoff with jitter (throttling backs off
 * longer), each attempt and the whole call bounded in time. Mutating calls are safe to retry: every model and
 * configuration name is new per deployment, and the control plane treats "already exists" / "in progress" after a
 * retry as the success it was (see {@link SageMakerControlPlane}).
 * <p>
 * Failures become {@link EndpointUnavailableException} (or {@link EndpointBusyException} when SageMaker says the
 * endpoint is being updated), saying what happened and what to do: throttling, a service failure or a timeout after
 * the retries; which permission is missing; what AWS found invalid and which settings to check.
 */
final class AwsCalls {

    /**
     * Retry and time bounds of every call.
     *
     * @param maxAttempts       attempts in all, the first included
     * @param callTimeout       the whole call, retries and backoff included
     * @param attemptTimeout    one attempt
     * @param backoff           delay before a retry after a 5xx, I/O error or timeout
     * @param throttlingBackoff delay before a retry after throttling
     */
    record Limits(int maxAttempts, Duration callTimeout, Duration attemptTimeout, BackoffStrategy backoff,
            BackoffStrategy throttlingBackoff) {

        /** In production: 4 attempts, 100 ms → 5 s backoff (throttling 1 s → 20 s), 20 s per attempt, 60 s per call. */
        static final Limits AWS = new Limits(4, Duration.ofSeconds(60), Duration.ofSeconds(20),
                BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(5)),
                BackoffStrategy.exponentialDelay(Duration.ofSeconds(1), Duration.ofSeconds(20)));
    }

    private final Limits limits;
    private final String region;

    AwsCalls(Limits limits, String region) {
        this.limits = limits;
        this.region = region;
    }

    /** Applies the retry strategy and time bounds to a client builder. */
    <B extends AwsClientBuilder<B, C>, C> B configure(B builder) {
        builder.overrideConfiguration(c -> c
                .apiCallTimeout(limits.callTimeout())
                .apiCallAttemptTimeout(limits.attemptTimeout())
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(limits.maxAttempts())
                        .backoffStrategy(limits.backoff())
                        .throttlingBackoffStrategy(limits.throttlingBackoff())
                        .build()));
        return builder;
    }

    <T> T call(AwsOperation operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw translate(operation, e);
        }
    }

    /** Like {@link #call}, but a "not found" answer is an empty result. */
    <T> Optional<T> find(AwsOperation operation, Supplier<T> call) {
        try {
            return Optional.of(call.get());
        } catch (SdkException e) {
            if (isNotFound(e)) {
                return Optional.empty();
            }
            throw translate(operation, e);
        }
    }

    void run(AwsOperation operation, Runnable call) {
        call(operation, () -> {
            call.run();
            return null;
        });
    }

    RuntimeException translate(AwsOperation operation, SdkException e) {
        String what = operation.service() + " " + operation.action();
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException
                || Throwables.find(e, SocketTimeoutException.class) != null) {
            return new EndpointUnavailableException(operation.service() + " did not answer " + operation.action()
                    + " in time (" + limits.maxAttempts() + " attempts within " + limits.callTimeout().toSeconds()
                    + " s) — try again in a minute; if it keeps happening, check the AWS Health Dashboard for "
                    + region + ".", e);
        }
        if (!(e instanceof AwsServiceException service)) {
            return new EndpointUnavailableException(operation.service() + " in " + region + " could not be reached ("
                    + printable(String.valueOf(e.getMessage())) + ") — check the network and try again.", e);
        }
        String code = errorCode(service);
        String detail = printable(errorMessage(service));
        if (service.isThrottlingException() || service.statusCode() == 429) {
            return new EndpointUnavailableException("AWS is throttling PoseOps' " + what + " calls (still after "
                    + limits.maxAttempts() + " attempts with backoff) — wait a minute and try again; if it persists, "
                    + "look for other clients using the same account's " + operation.service() + " quota.", e);
        }
        if (isAccessDenied(service, code)) {
            return new EndpointUnavailableException("PoseOps may not call " + what + " (" + detail + ") — grant the "
                    + "console's AWS role " + operation.permission() + operation.alsoNeeded() + ".", e);
        }
        if (service.statusCode() >= 500) {
            return new EndpointUnavailableException(operation.service() + " failed to carry out " + operation.action()
                    + " " + limits.maxAttempts() + " times (HTTP " + service.statusCode()
                    + (code.isEmpty() ? "" : " " + code) + ": " + detail + ") — try again in a few minutes.", e);
        }
        if (operation == AwsOperation.UPDATE_ENDPOINT && isInProgress(detail)) {
            return new EndpointBusyException("The endpoint is being updated already (" + detail + ") — wait until "
                    + "it is InService, then try again.");
        }
        if (code.startsWith("ResourceLimitExceeded") || code.startsWith("LimitExceeded")) {
            return new EndpointUnavailableException(what + " hit an AWS quota (" + detail + ") — ask AWS for a higher "
                    + "quota, or lower Instance.instanceCount / choose another Instance.instanceType.", e);
        }
        String check = operation.whatToCheck().isEmpty() ? "" : " — check " + operation.whatToCheck();
        return new EndpointUnavailableException(operation.service() + " refused " + operation.action() + ": " + detail
                + (code.isEmpty() ? "" : " (" + code + ")") + check + ".", e);
    }

    static boolean isNotFound(SdkException e) {
        if (!(e instanceof AwsServiceException service)) {
            return false;
        }
        String code = errorCode(service);
        String message = errorMessage(service).toLowerCase(Locale.ROOT);
        return code.startsWith("ResourceNotFound")
                || (code.startsWith("Validation") && (message.contains("could not find") || message.contains("not found")
                || message.contains("does not exist")));
    }

    static boolean isAlreadyExists(SdkException e) {
        if (!(e instanceof AwsServiceException service)) {
            return false;
        }
        String message = errorMessage(service).toLowerCase(Locale.ROOT);
        return errorCode(service).startsWith("ResourceInUse") || message.contains("already exist");
    }

    private static boolean isInProgress(String detail) {
        String lower = detail.toLowerCase(Locale.ROOT);
        return lower.contains("in-progress") || lower.contains("in progress");
    }

    private static boolean isAccessDenied(AwsServiceException e, String code) {
        return e.statusCode() == 403 || code.startsWith("AccessDenied") || code.contains("NotAuthorized")
                || code.equals("UnrecognizedClientException") || code.startsWith("ExpiredToken")
                || code.equals("InvalidClientTokenId");
    }

    private static String errorCode(AwsServiceException e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? ""
                : e.awsErrorDetails().errorCode();
    }

    private static String errorMessage(AwsServiceException e) {
        if (e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null) {
            return e.awsErrorDetails().errorMessage();
        }
        return e.getMessage() == null ? "" : e.getMessage();
    }

    private static String printable(String text) {
        return Text.printable(text, 300);
    }
}
