package com.poseops.platform.config;

import java.util.Map;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

/**
 * Spells a bound property name the way config.yml writes it ({@code instance.instance-count} →
 * {@code Instance.instanceCount}), so that an error names the key a person sees in the file.
 */
final class ConfigKeys {

    private static final Map<String, String> SECTIONS = Map.ofEntries(
            Map.entry("modelmonitoring", "ModelMonitoring"),
            Map.entry("endpointconfig", "EndpointConfig"),
            Map.entry("instance", "Instance"),
            Map.entry("inferenceconfig", "InferenceConfig"),
            Map.entry("datacapture", "DataCapture"),
            Map.entry("s3config", "S3Config"),
            Map.entry("poseops", "PoseOps"),
            Map.entry("aws", "Aws"),
            Map.entry("security", "Security"),
            Map.entry("evaluation", "Evaluation"),
            Map.entry("operations", "Operations"),
            Map.entry("monitoring", "Monitoring"),
            Map.entry("notifications", "Notifications"),
            Map.entry("training", "Training"),
            Map.entry("localendpoint", "LocalEndpoint"),
            Map.entry("deployment", "Deployment"));

    private ConfigKeys() {
    }

    static boolean isSection(String dashedElement) {
        return SECTIONS.containsKey(dashedElement);
    }

    static String displayName(ConfigurationPropertyName name) {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < name.getNumberOfElements(); i++) {
            String element = name.getElement(i, ConfigurationPropertyName.Form.DASHED);
            if (name.isNumericIndex(i)) {
                key.append('[').append(element).append(']');
                continue;
            }
            if (i > 0) {
                key.append('.');
            }
            key.append(i == 0 ? SECTIONS.getOrDefault(element, camel(element)) : camel(element));
        }
        return key.toString();
    }

    static String displayName(String dashedName) {
        return displayName(ConfigurationPropertyName.adapt(dashedName, '.'));
    }

    private static String camel(String dashed) {
        StringBuilder result = new StringBuilder();
        boolean upper = false;
        for (char c : dashed.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                result.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return result.toString();
    }
}
