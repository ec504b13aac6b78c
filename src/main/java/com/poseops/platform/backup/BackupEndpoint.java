package com.poseops.platform.backup;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.security.access.AccessDeniedException;

/**
 * {@code POST /actuator/backup} (ADMIN, HTTP basic): writes a backup of local-mode data while the console runs and
 * answers where it is, e.g.
 * {@code curl -u admin:… -X POST http://localhost:8080/actuator/backup}.
 */
@Endpoint(id = "backup")
class BackupEndpoint {

    private final BackupService backups;

    BackupEndpoint(BackupService backups) {
        this.backups = backups;
    }

    @WriteOperation
    WebEndpointResponse<Map<String, Object>> create() {
        Map<String, Object> body = new LinkedHashMap<>();
        try {
            BackupArchive.Summary summary = backups.create();
            body.put("file", summary.file().toString());
            body.put("files", summary.files());
            body.put("bytes", summary.bytes());
            body.put("created", summary.created().toString());
            body.put("restore", "java -jar poseops.jar restore " + summary.file() + " <new data directory>");
            return new WebEndpointResponse<>(body, 200);
        } catch (AccessDeniedException e) {
            body.put("error", e.getMessage());
            return new WebEndpointResponse<>(body, 403);
        } catch (IOException | RuntimeException e) {
            body.put("error", "The backup failed: " + e.getMessage());
            return new WebEndpointResponse<>(body, 503);
        }
    }
}
