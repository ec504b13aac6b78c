package com.poseops.endpoints.aws;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names PoseOps gives SageMaker resources of the endpoint (decision 0090).
 * <p>
 * Every deployment makes a new model and a new endpoint configuration, named after config.yml's
 * {@code EndpointConfig.modelName} / {@code EndpointConfig.endpointConfigName} plus {@code -v<version>-<UTC time to the
 * millisecond>}, e.g. {@code hp-prediction-config-v3-20261129204312123}: unique (the time never repeats in this
 * process), sortable, telling the version at a glance, and within SageMaker's rule (≤ 63 letters, digits and hyphens;
 * a long configured name is shortened, never the suffix). The variant is always {@value #VARIANT_NAME}: a blue/green
 * update must keep the variant name.
 */
final class DeploymentNames {

    /** SageMaker's default variant name; the same in every configuration (blue/green keeps variant names). */
    static final String VARIANT_NAME = "AllTraffic";
    /** Tag on PoseOps' models and configurations: the registry version they were made from. */
    static final String VERSION_TAG = "poseops:model-version";
    /** Tag on PoseOps' models: the SHA-256 of the version's .tflite, when the registry knows it. */
    static final String SHA256_TAG = "poseops:model-sha256";

    static final int MAX_NAME_LENGTH = 63;
    private static final Pattern OURS = Pattern.compile("(.+)-v(\\d+)-(\\d{17})");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS")
            .withZone(ZoneOffset.UTC);
    /** The longest suffix: "-v" + the largest int + "-" + 17 digits. */
    private static final int LONGEST_SUFFIX = 2 + String.valueOf(Integer.MAX_VALUE).length() + 1 + 17;

    private final String modelBase;
    private final String configBase;
    private final Clock clock;
    private final AtomicLong lastStamp = new AtomicLong();

    DeploymentNames(String modelBase, String configBase, Clock clock) {
        this.modelBase = modelBase;
        this.configBase = configBase;
        this.clock = clock;
    }

    /** The names of one deployment's model and configuration (they share the suffix). */
    record Pair(String modelName, String configName) {
    }

    Pair next(int version) {
        String suffix = "-v" + version + "-" + STAMP.format(Instant.ofEpochMilli(nextMillis()));
        return new Pair(fit(modelBase, suffix), fit(configBase, suffix));
    }

    /** Whether PoseOps named this endpoint configuration (only those are ever cleaned up). */
    boolean isOurConfig(String name) {
        return isOurs(configBase, name);
    }

    /** Whether PoseOps named this model. */
    boolean isOurModel(String name) {
        return isOurs(modelBase, name);
    }

    /** A part every configuration name of ours contains (for ListEndpointConfigs' NameContains). */
    String configNameFilter() {
        return trimHyphens(configBase.substring(0, Math.min(configBase.length(), MAX_NAME_LENGTH - LONGEST_SUFFIX)));
    }

    private static boolean isOurs(String base, String name) {
        Matcher matcher = OURS.matcher(name);
        return matcher.matches() && !matcher.group(1).isEmpty() && base.startsWith(matcher.group(1));
    }

    private static String fit(String base, String suffix) {
        int room = MAX_NAME_LENGTH - suffix.length();
        return trimHyphens(base.length() <= room ? base : base.substring(0, room)) + suffix;
    }

    private static String trimHyphens(String name) {
        int end = name.length();
        while (end > 1 && name.charAt(end - 1) == '-') {
            end--;
        }
        return name.substring(0, end);
    }

    /** The clock's milliseconds, but always later than the last name's (two deployments never share a name). */
    private long nextMillis() {
        long now = clock.millis();
        return lastStamp.updateAndGet(last -> Math.max(last + 1, now));
    }
}
