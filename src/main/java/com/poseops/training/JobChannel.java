package com.poseops.training;

import org.jspecify.annotations.Nullable;

/**
 * One input channel of a job.
 *
 * @param name      the channel name ({@code train}, {@code validation}, {@code model})
 * @param datasetId the dataset it was made from, or null for the model channel
 * @param label     what to call it on the page (the dataset's name, the model version)
 * @param uri       where the backend reads it: a local folder or file, or an S3 URI
 */
public record JobChannel(String name, @Nullable String datasetId, String label, String uri) {
}
