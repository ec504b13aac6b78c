package com.poseops.platform;

import com.poseops.platform.audit.AuditLog;
import com.poseops.platform.aws.AwsClients;
import com.poseops.platform.config.AwsSettings;
import com.poseops.platform.config.OperationsSettings;
import com.poseops.platform.process.ChildLogs;
import com.poseops.platform.security.Authorization;
import java.time.Clock;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Shared building blocks every feature gets: configuration, the clock, AWS clients, authorization. */
@Configuration(proxyBeanMethods = false)
@ConfigurationPropertiesScan("com.poseops.platform.config")
class PlatformConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    AwsClients awsClients(AwsSettings settings) {
        return new AwsClients(settings);
    }

    /** One rotation policy for the logs of every child process, from config.yml {@code Operations}. */
    @Bean
    ChildLogs.Policy childLogPolicy(OperationsSettings operations) {
        ChildLogs.Policy policy = new ChildLogs.Policy(operations.childLogMaxSize().toBytes(),
                operations.childLogFiles());
        ChildLogs.configure(policy);
        return policy;
    }

    @Bean
    Authorization authorization(AuditLog auditLog) {
        return new Authorization(auditLog);
    }
}
