package com.poseops.endpoints.aws;

import com.poseops.endpoints.ContainerErrors;
import com.poseops.endpoints.EndpointException;
import com.poseops.endpoints.EndpointException.Reason;
import com.poseops.endpoints.EndpointInvoker;
import com.poseops.endpoints.Invocation;
import com.poseops.platform.Text;
import com.poseops.platform.Throwables;
import com.poseops.platform.aws.AwsClients;
import com.poseops.platform.config.EndpointConfigSettings;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointResponse;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelNotReadyException;
import software.amazon.awssdk.services.sagemakerruntime.model.ValidationErrorException;

/**
 * InvokeEndpoint on the SageMaker endpoint {@code EndpointConfig.endpointName} through SageMaker Runtime
 * ({@code Accept: application/json}); the answering variant comes from {@code x-Amzn-Invoked-Production-Variant}.
 * <p>
 * Before invoking, {@code DescribeEndpoint} tells "nothing deployed" from "not in service" so that the person gets a
 * useful message instead of SageMaker's. A serving status is remembered for {@value #STATUS_TTL_SECONDS} s; any
 * other status is asked again on the next request, so a retry right after a deploy finishes is not refused from a
 * stale cache. Updating, SystemUpdating, RollingBack and UpdateRollbackFailed still serve traffic (a blue/green
 * deploy keeps the old fleet until the switch), so they are let through.
 * <p>
 * Retries: a prediction has no side effect, so a call that failed in transit can be repeated; the SDK's standard
 * strategy retries throttling, 5xx and I/O errors, here with at most {@value #MAX_ATTEMPTS} attempts in all. A
 * ModelError (424: the container answered with an error) is not retried — the same image fails the same way. The
 * whole call is capped at 65 s (SageMaker gives a container 60 s), each attempt at 62 s, and the socket read timeout
 * is raised above the Apache client's default of 30 s so that a slow but legitimate answer is not cut off.
 */
public final class SageMakerEndpointInvoker implements EndpointInvoker, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SageMakerEndpointInvoker.class);

    static final int MAX_ATTEMPTS = 2;
    static final long STATUS_TTL_SECONDS = 5;
    private static final Set<EndpointStatus> SERVING = Set.of(EndpointStatus.IN_SERVICE, EndpointStatus.UPDATING,
            EndpointStatus.SYSTEM_UPDATING, EndpointStatus.ROLLING_BACK, EndpointStatus.UPDATE_ROLLBACK_FAILED);

    /** Time limits of the two clients; tests shorten them. */
    record Timeouts(Duration invokeCall, Duration invokeAttempt, Duration socket, Duration describeCall) {

        static final Timeouts SAGEMAKER = new Timeouts(Duration.ofSeconds(65), Duration.ofSeconds(62),
                Duration.ofSeconds(63), Duration.ofSeconds(10));
    }

    private final SageMakerRuntimeClient runtime;
    private final SageMakerClient sageMaker;
    private final String endpointName;
    private final String region;
    private final Timeouts timeouts;
    private final LongSupplier nanoClock;
    /** {@link System#nanoTime()} until which the endpoint is known to serve; null = ask DescribeEndpoint. */
    private volatile @Nullable Long servingUntil;

    public SageMakerEndpointInvoker(AwsClients aws, EndpointConfigSettings endpointConfig) {
        this(aws, endpointConfig, Timeouts.SAGEMAKER, System::nanoTime);
    }

    SageMakerEndpointInvoker(AwsClients aws, EndpointConfigSettings endpointConfig, Timeouts timeouts,
            LongSupplier nanoClock) {
        this.runtime = aws.build(SageMakerRuntimeClient.builder()
                .httpClientBuilder(ApacheHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(timeouts.socket()))
                .overrideConfiguration(c -> c
                        .apiCallTimeout(timeouts.invokeCall())
                        .apiCallAttemptTimeout(timeouts.invokeAttempt())
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(MAX_ATTEMPTS).build())));
        this.sageMaker = aws.build(SageMakerClient.builder()
                .overrideConfiguration(c -> c.apiCallTimeout(timeouts.describeCall())));
        this.endpointName = endpointConfig.endpointName();
        this.region = aws.region().id();
        this.timeouts = timeouts;
        this.nanoClock = nanoClock;
    }

    @Override
    public Invocation invoke(byte[] image, String contentType) {
        String type = checkedContentType(contentType);
        checkSize(image);
        requireServing();
        long start = nanoClock.getAsLong();
        InvokeEndpointResponse response;
        try {
            response = runtime.invokeEndpoint(request -> request
                    .endpointName(endpointName)
                    .contentType(type)
                    .accept("application/json")
                    .body(SdkBytes.fromByteArrayUnsafe(image)));
        } catch (SdkException e) {
            throw translate(e);
        }
        Duration roundTrip = Duration.ofNanos(nanoClock.getAsLong() - start);
        byte[] body = response.body() == null ? new byte[0] : response.body().asByteArrayUnsafe();
        String variant = response.invokedProductionVariant();
        return new Invocation(endpointName, variant == null || variant.isBlank() ? null : variant, body, roundTrip);
    }

    @Override
    public void close() {
        runtime.close();
        sageMaker.close();
    }

    // ---- before the call ----

    private static String checkedContentType(String contentType) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (type.equals("image/jpg")) {
            type = "image/jpeg";
        }
        if (!SUPPORTED_CONTENT_TYPES.contains(type)) {
            throw new EndpointException(Reason.UNSUPPORTED_TYPE, "Only JPEG and PNG images can be sent to the endpoint"
                    + (type.isEmpty() ? "" : " (this file is " + printable(type) + ")")
                    + " — convert the image and upload it again.");
        }
        return type;
    }

    private static void checkSize(byte[] image) {
        if (image.length == 0) {
            throw new EndpointException(Reason.INVALID_IMAGE, "The image is empty — upload a JPEG or PNG photo.");
        }
        if (image.length > MAX_BODY_BYTES) {
            throw new EndpointException(Reason.TOO_LARGE, "The image is " + megabytes(image.length)
                    + "; SageMaker takes at most 6 MB per request — upload a smaller or more compressed image.");
        }
    }

    /** Refuses early, with a useful message, when the endpoint does not exist or cannot serve. */
    private void requireServing() {
        Long knownUntil = servingUntil;
        if (knownUntil != null && nanoClock.getAsLong() - knownUntil < 0) {
            return;
        }
        servingUntil = null;
        DescribeEndpointResponse endpoint;
        try {
            endpoint = sageMaker.describeEndpoint(request -> request.endpointName(endpointName));
        } catch (AwsServiceException e) {
            if (isNotFound(e)) {
                throw notDeployed();
            }
            // E.g. a role that may invoke but not describe: InvokeEndpoint will say what is wrong, if anything.
            log.debug("DescribeEndpoint {} failed, invoking anyway: {}", endpointName, e.getMessage());
            return;
        } catch (SdkClientException e) {
            throw translate(e);
        }
        EndpointStatus status = endpoint.endpointStatus();
        if (status != null && SERVING.contains(status)) {
            servingUntil = nanoClock.getAsLong() + Duration.ofSeconds(STATUS_TTL_SECONDS).toNanos();
            return;
        }
        throw notInService(status, endpoint.failureReason());
    }

    private EndpointException notDeployed() {
        return new EndpointException(Reason.NOT_DEPLOYED, "No endpoint is serving yet: " + endpointName
                + " does not exist in " + region + " — deploy a version on the Endpoints page.");
    }

    private EndpointException notInService(@Nullable EndpointStatus status, @Nullable String failureReason) {
        String name = status == null || status == EndpointStatus.UNKNOWN_TO_SDK_VERSION ? "in an unknown state"
                : status.toString();
        String advice = switch (status == null ? EndpointStatus.UNKNOWN_TO_SDK_VERSION : status) {
            case CREATING -> " — it is being created, which takes a few minutes; try again when the Endpoints page "
                    + "shows InService.";
            case FAILED -> (failureReason == null || failureReason.isBlank() ? ""
                    : " (" + printable(failureReason) + ")")
                    + " — see the Endpoints page and deploy a version again.";
            case DELETING -> " — it is being deleted; deploy a version on the Endpoints page.";
            case OUT_OF_SERVICE -> " — it is out of service; see the Endpoints page.";
            default -> " — see the Endpoints page.";
        };
        return new EndpointException(Reason.NOT_IN_SERVICE, "Endpoint " + endpointName + " cannot take requests: it is "
                + name + advice);
    }

    // ---- after a failed call ----

    private EndpointException translate(SdkException e) {
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException
                || Throwables.find(e, SocketTimeoutException.class) != null) {
            return new EndpointException(Reason.TIMEOUT, "The endpoint did not answer within "
                    + timeouts.invokeCall().toSeconds() + " s — try again; if it keeps happening, look at the latency "
                    + "on the Monitoring page.", e);
        }
        if (e instanceof ModelErrorException modelError) {
            return fromModelError(modelError);
        }
        if (e instanceof ModelNotReadyException) {
            return new EndpointException(Reason.UNAVAILABLE, "The model on endpoint " + endpointName
                    + " is not ready yet — try again in a few seconds.", e);
        }
        if (e instanceof ValidationErrorException validation) {
            return fromValidationError(validation);
        }
        if (e instanceof AwsServiceException service) {
            String code = errorCode(service);
            String detail = printable(errorMessage(service));
            if (service.isThrottlingException() || service.statusCode() == 429) {
                return new EndpointException(Reason.THROTTLED, "AWS is throttling requests to the endpoint"
                        + " — try again in a few seconds.", e);
            }
            if (service.statusCode() == 403 || code.startsWith("AccessDenied") || code.contains("NotAuthorized")
                    || code.equals("UnrecognizedClientException") || code.startsWith("ExpiredToken")) {
                return new EndpointException(Reason.ACCESS_DENIED, "PoseOps may not call endpoint " + endpointName
                        + " (" + detail + ") — its role needs sagemaker:InvokeEndpoint and sagemaker:DescribeEndpoint.", e);
            }
            return new EndpointException(Reason.UNAVAILABLE, "SageMaker could not serve the request (HTTP "
                    + service.statusCode() + (code.isEmpty() ? "" : " " + code) + ": " + detail
                    + ") — try again in a moment.", e);
        }
        return new EndpointException(Reason.UNAVAILABLE, "SageMaker Runtime in " + region + " could not be reached ("
                + printable(String.valueOf(e.getMessage())) + ") — check the network and try again.", e);
    }

    /** 424: the container answered with an error; SageMaker passes on its status and body. */
    private EndpointException fromModelError(ModelErrorException e) {
        String original = e.originalMessage() == null ? "" : e.originalMessage();
        int status = e.originalStatusCode() == null ? 0 : e.originalStatusCode();
        return ContainerErrors.fromModelError(status, original.isBlank() ? errorMessage(e) : original,
                "the endpoint's logs in CloudWatch" + (e.logStreamArn() == null ? "" : " (" + e.logStreamArn() + ")"),
                e);
    }

    private EndpointException fromValidationError(ValidationErrorException e) {
        String detail = printable(errorMessage(e));
        String lower = detail.toLowerCase(Locale.ROOT);
        if (lower.contains("not found") || lower.contains("does not exist") || lower.contains("could not find")) {
            // Deleted or never created since the last check: ask again which it is.
            servingUntil = null;
            try {
                requireServing();
            } catch (EndpointException precise) {
                return precise;
            }
            return new EndpointException(Reason.UNAVAILABLE, "SageMaker did not find endpoint " + endpointName
                    + " although it is listed as serving (" + detail + ") — try again in a moment.", e);
        }
        if (lower.contains("size") || lower.contains("length") || lower.contains("too large")) {
            return new EndpointException(Reason.TOO_LARGE, "SageMaker refused the image as too large (" + detail
                    + ") — upload a smaller image.", e);
        }
        return new EndpointException(Reason.INVALID_IMAGE, "SageMaker refused the request (" + detail
                + ") — upload a JPEG or PNG photo.", e);
    }

    private static boolean isNotFound(AwsServiceException e) {
        String message = errorMessage(e).toLowerCase(Locale.ROOT);
        return errorCode(e).startsWith("ResourceNotFound")
                || ("ValidationException".equals(errorCode(e))
                && (message.contains("could not find") || message.contains("not found") || message.contains("does not exist")));
    }

    private static String errorCode(AwsServiceException e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? "" : e.awsErrorDetails().errorCode();
    }

    private static String errorMessage(AwsServiceException e) {
        if (e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null) {
            return e.awsErrorDetails().errorMessage();
        }
        return e.getMessage() == null ? "" : e.getMessage();
    }

    /** Text from AWS or the container, made fit for a message: one line, bounded. */
    private static String printable(String text) {
        return Text.printable(text, 300);
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
