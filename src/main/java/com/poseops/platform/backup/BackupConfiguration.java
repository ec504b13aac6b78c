package com.poseops.platform.backup;

import com.poseops.platform.audit.AuditLog;
import com.poseops.platform.persistence.DataDirectory;
import com.poseops.platform.persistence.DatabaseWriteGate;
import com.poseops.platform.persistence.DynamoDbConnection;
import com.poseops.platform.security.Authorization;
import java.time.Clock;
import java.util.Objects;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Backups exist in local mode only (aws mode: DynamoDB point-in-time recovery and S3 versioning). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "PoseOps.mode", havingValue = "local", matchIfMissing = true)
class BackupConfiguration {

    @Bean
    BackupService backupService(DataDirectory dataDirectory, DynamoDbConnection connection,
            Authorization authorization, AuditLog auditLog, Clock clock) {
        DatabaseWriteGate gate = Objects.requireNonNull(connection.writeGate(), "local mode has a write gate");
        return new BackupService(dataDirectory, gate, authorization, auditLog, clock);
    }

    @Bean
    BackupEndpoint backupEndpoint(BackupService backups) {
        return new BackupEndpoint(backups);
    }
}
