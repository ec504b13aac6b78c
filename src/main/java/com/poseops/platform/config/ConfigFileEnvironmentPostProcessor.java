package com.poseops.platform.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/**
 * Loads {@code config.yml} into the environment: first the defaults embedded in the jar, then the user's file
 * ({@code POSEOPS_CONFIG}, else {@code ./config.yml} when it exists), then the documented {@code POSEOPS_*}
 * environment variables on top. Command-line arguments, system properties and Spring's relaxed environment names
 * (e.g. {@code INSTANCE_INSTANCECOUNT}) still win over all of them.
 */
public class ConfigFileEnvironmentPostProcessor implements EnvironmentPostProcessor {

    /** The absolute path of the user's config file, when one was loaded (the System page shows it). */
    public static final String CONFIG_FILE_PROPERTY = "poseops.config-file";

    /** The documented environment variables and the config.yml keys they override. */
    static final Map<String, String> ENVIRONMENT_OVERRIDES = Map.of(
            "POSEOPS_MODE", "PoseOps.mode",
            "POSEOPS_DATA_DIR", "PoseOps.dataDir",
            "POSEOPS_MODEL_PATH", "PoseOps.modelPath",
            "POSEOPS_ADMIN_PASSWORD", "Security.adminPassword",
            "POSEOPS_AWS_ENDPOINT", "Aws.endpoint",
            "POSEOPS_AWS_CREATE_RESOURCES", "Aws.createResources",
            "POSEOPS_WEBHOOK_URL", "Notifications.webhookUrl",
            "AWS_REGION", "Aws.region",
            "POSEOPS_LOCAL_ENDPOINT_PORT", "LocalEndpoint.port");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        MutablePropertySources sources = environment.getPropertySources();
        String anchor = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
        if (!sources.contains(anchor)) {
            anchor = null;
        }
        PropertySource<?> overrides = environmentOverrides(environment);
        PropertySource<?> defaults = load(new ClassPathResource("config.yml"), "config.yml (embedded defaults)");
        Resource userFile = userConfigFile(environment);
        List<PropertySource<?>> ordered = userFile == null
                ? List.of(overrides, defaults)
                : List.of(overrides, load(userFile, userFile.getDescription()), defaults);
        String previous = anchor;
        for (PropertySource<?> source : ordered) {
            if (previous == null) {
                sources.addFirst(source);
            } else {
                sources.addAfter(previous, source);
            }
            previous = source.getName();
        }
    }

    private static PropertySource<?> environmentOverrides(ConfigurableEnvironment environment) {
        Map<String, Object> values = new LinkedHashMap<>();
        ENVIRONMENT_OVERRIDES.forEach((variable, key) -> {
            String value = environment.getProperty(variable);
            if (value != null) {
                values.put(key, value);
            }
        });
        return new MapPropertySource("POSEOPS_* environment variables", values);
    }

    private static Resource userConfigFile(ConfigurableEnvironment environment) {
        String explicit = environment.getProperty("POSEOPS_CONFIG");
        if (explicit != null && !explicit.isBlank()) {
            Path path = Path.of(explicit);
            if (!Files.isRegularFile(path)) {
                throw new ConfigFileException("POSEOPS_CONFIG points at " + path.toAbsolutePath()
                        + ", which is not a readable file. Fix the path or unset POSEOPS_CONFIG to use ./config.yml.");
            }
            environment.getSystemProperties().put(CONFIG_FILE_PROPERTY, path.toAbsolutePath().toString());
            return new FileSystemResource(path);
        }
        Path local = Path.of("config.yml");
        if (Files.isRegularFile(local)) {
            environment.getSystemProperties().put(CONFIG_FILE_PROPERTY, local.toAbsolutePath().toString());
            return new FileSystemResource(local);
        }
        return null;
    }

    private static PropertySource<?> load(Resource resource, String name) {
        try {
            List<PropertySource<?>> documents = new YamlPropertySourceLoader().load(name, resource);
            if (documents.isEmpty()) {
                return new MapPropertySource(name, Map.of());
            }
            if (documents.size() > 1) {
                throw new ConfigFileException(name + " holds several YAML documents (---); keep one.");
            }
            return documents.getFirst();
        } catch (IOException | RuntimeException e) {
            if (e instanceof ConfigFileException configFileException) {
                throw configFileException;
            }
            throw new ConfigFileException(name + " is not valid YAML: " + firstLine(rootMessage(e))
                    + ". Fix the file (compare with the config.yml in the repository).");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private static String firstLine(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }
}
