package com.poseops.platform.config;

import com.poseops.platform.Throwables;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginProvider;
import org.springframework.core.Ordered;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Turns a configuration error into one line that names the config.yml key, what is wrong and where it came from,
 * e.g. {@code Instance.instanceCount = -1 (config.yml line 27): must be a whole number of at least 1}.
 */
public class ConfigFailureAnalyzer implements FailureAnalyzer, Ordered {

    private static final String ACTION = "Fix the value in config.yml (or the environment variable that overrides it) and start again.";

    @Override
    public @Nullable FailureAnalysis analyze(Throwable failure) {
        ConfigFileException fileProblem = Throwables.find(failure, ConfigFileException.class);
        if (fileProblem != null) {
            return new FailureAnalysis(fileProblem.getMessage(), "", fileProblem);
        }
        BindValidationException validation = Throwables.find(failure, BindValidationException.class);
        if (validation != null) {
            return new FailureAnalysis(describe(validation), ACTION, failure);
        }
        BindException binding = Throwables.find(failure, BindException.class);
        if (binding != null && isOurs(binding.getName())) {
            return new FailureAnalysis(describe(binding), ACTION, failure);
        }
        return null;
    }

    private static String describe(BindValidationException validation) {
        ConfigurationPropertyName prefix = validation.getValidationErrors().getName();
        List<ObjectError> errors = validation.getValidationErrors().getAllErrors();
        return errors.stream().map(error -> describe(prefix, error)).collect(Collectors.joining("; "));
    }

    private static String describe(ConfigurationPropertyName prefix, ObjectError error) {
        String key = ConfigKeys.displayName(prefix);
        Object value = null;
        if (error instanceof FieldError field) {
            key = key + "." + field.getField(); // already spelled as in config.yml (camelCase)
            value = field.getRejectedValue();
        }
        Origin origin = error instanceof OriginProvider provider ? provider.getOrigin() : null;
        return key + valueAndOrigin(value, origin) + ": " + error.getDefaultMessage();
    }

    private static String describe(BindException binding) {
        String key = ConfigKeys.displayName(binding.getName());
        ConfigurationProperty property = binding.getProperty();
        Object value = property == null ? null : property.getValue();
        Origin origin = property == null ? null : property.getOrigin();
        return key + valueAndOrigin(value, origin) + ": " + expectation(binding);
    }

    private static String expectation(BindException binding) {
        ConversionFailedException conversion = Throwables.find(binding, ConversionFailedException.class);
        if (conversion != null) {
            Class<?> target = conversion.getTargetType().getObjectType();
            if (target.isEnum()) {
                return "must be one of " + Arrays.stream(target.getEnumConstants())
                        .map(constant -> constant.toString().toLowerCase(java.util.Locale.ROOT))
                        .collect(Collectors.joining(", "));
            }
            if (Number.class.isAssignableFrom(target)) {
                return "must be a number";
            }
            if (target == Boolean.class) {
                return "must be true or false";
            }
            return "must be a " + target.getSimpleName();
        }
        Throwable cause = binding.getCause();
        return cause == null || cause.getMessage() == null ? "has an unusable value" : cause.getMessage();
    }

    private static String valueAndOrigin(@Nullable Object value, @Nullable Origin origin) {
        StringBuilder text = new StringBuilder();
        if (value != null) {
            text.append(" = ").append(value);
        }
        if (origin != null) {
            text.append(" (").append(origin.toString().replaceAll("\\s+", " ")).append(')');
        }
        return text.toString();
    }

    private static boolean isOurs(ConfigurationPropertyName name) {
        return name.getNumberOfElements() > 0
                && ConfigKeys.isSection(name.getElement(0, ConfigurationPropertyName.Form.DASHED));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
