package com.poseops.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * AWS's Service Authorization Reference as cfn-lint ships it ({@code cfnlint/data/AdditionalSpecs/Policies.json}):
 * for every IAM action, the resource types it can be scoped to. An action with none has no resource-level
 * permissions and can only be granted on {@code Resource: "*"}. cfn-lint is already required by the build (it lints
 * the templates), so this is the same data, at the same version, that lints the templates.
 */
public final class IamReference {

    private static volatile IamReference loaded;

    private final JsonNode services;

    private IamReference(JsonNode services) {
        this.services = services;
    }

    public static IamReference get() {
        IamReference current = loaded;
        if (current == null) {
            current = new IamReference(JsonMapper.builder().build().readTree(policiesFile().toFile()));
            loaded = current;
        }
        return current;
    }

    /** The resource types of {@code action} ({@code sagemaker:DescribeEndpoint} → [endpoint]); empty if unknown. */
    public Optional<List<String>> resourceTypes(String action) {
        int colon = action.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        JsonNode service = services.path(action.substring(0, colon).toLowerCase(Locale.ROOT)).path("Actions");
        JsonNode entry = service.path(action.substring(colon + 1).toLowerCase(Locale.ROOT));
        if (entry.isMissingNode()) {
            return Optional.empty();
        }
        List<String> types = new ArrayList<>();
        entry.path("Resources").forEach(type -> types.add(type.asString()));
        return Optional.of(types);
    }

    /** True when the action exists and has no resource types. */
    public boolean hasNoResourceLevelPermissions(String action) {
        return resourceTypes(action).map(List::isEmpty).orElse(false);
    }

    private static Path policiesFile() {
        try {
            Process python = new ProcessBuilder("python3", "-c",
                    "import cfnlint, os; print(os.path.join(os.path.dirname(cfnlint.__file__), 'data', "
                            + "'AdditionalSpecs', 'Policies.json'))")
                    .redirectErrorStream(true).start();
            String output;
            try (InputStream in = python.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            if (!python.waitFor(60, TimeUnit.SECONDS) || python.exitValue() != 0 || !Files.isRegularFile(Path.of(output))) {
                throw new IllegalStateException("cfn-lint's IAM reference was not found (python3 with cfn-lint is needed; "
                        + ".ci/run checks it): " + output);
            }
            return Path.of(output);
        } catch (IOException e) {
            throw new UncheckedIOException("python3 could not be run to find cfn-lint: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
