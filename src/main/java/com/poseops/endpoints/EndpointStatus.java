package com.poseops.endpoints;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a person needs to know about the endpoint right now.
 *
 * @param message  one sentence for the page, e.g. what failed and what to do
 * @param variant  the variant that serves (null while none does)
 * @param model    name of the model file the serving variant runs
 * @param progress 0..1 during a model download, else null
 */
public record EndpointStatus(String endpointName, EndpointState state, String message, @Nullable String variant,
        @Nullable String model, Instant since, @Nullable Double progress) {

    public boolean serving() {
        return state.serving();
    }
}
