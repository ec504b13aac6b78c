package com.poseops.platform.audit;

import com.poseops.platform.persistence.DynamoDbTables;
import com.poseops.platform.persistence.TableDefinition;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    @Bean
    TableDefinition<AuditItem> auditTable() {
        return AuditLog.TABLE;
    }

    @Bean
    AuditLog auditLog(DynamoDbTables tables, Clock clock) {
        return new AuditLog(tables, clock);
    }

    @Bean(destroyMethod = "detach")
    RefusedClientEventAuditor refusedClientEventAuditor(AuditLog auditLog, Clock clock) {
        return RefusedClientEventAuditor.attach(auditLog, clock);
    }
}
