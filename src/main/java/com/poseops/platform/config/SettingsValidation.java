package com.poseops.platform.config;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * Binds and validates every config.yml section as soon as the environment is ready, before any bean starts, so a
 * wrong value stops the app within a second and before DynamoDB Local or an endpoint process is launched. Runs just
 * after logging is set up, so that the log levels of application.properties already apply to the failure report.
 */
public class SettingsValidation implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    static final List<Class<?>> SECTIONS = List.of(
            ModelMonitoringSettings.class, EndpointConfigSettings.class, InstanceSettings.class,
            InferenceConfigSettings.class, DataCaptureSettings.class, S3Settings.class,
            PoseOpsSettings.class, AwsSettings.class, SecuritySettings.class, EvaluationSettings.class,
            SignInSettings.class, OperationsSettings.class, MonitoringSettings.class, NotificationSettings.class,
            TrainingSettings.class, LocalEndpointSettings.class, DeploymentSettings.class);

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        validateAll(event.getEnvironment());
    }

    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }

    static void validateAll(ConfigurableEnvironment environment) {
        Binder binder = Binder.get(environment);
        try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
            SpringValidatorAdapter validator = new SpringValidatorAdapter(factory.getValidator());
            for (Class<?> section : SECTIONS) {
                String prefix = section.getAnnotation(ConfigurationProperties.class).value();
                binder.bindOrCreate(prefix, Bindable.of(section), new ValidationBindHandler(validator));
            }
        }
    }
}
