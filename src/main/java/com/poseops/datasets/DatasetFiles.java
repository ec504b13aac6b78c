package com.poseops.datasets;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the files of datasets live: a folder per set under the data directory (local mode) or a prefix in S3 (aws
 * mode). Uploaded sets are copied in; registered folders and prefixes are read where they are.
 * <p>
 * Adapters do no authorization and write no audit record: {@link DatasetService} does both.
 */
public interface DatasetFiles {

    /**
     * Keeps the files of a checked upload as the files of set {@code datasetId}.
     *
     * @param files files directly in one folder (images and the label file)
     * @return the set's location
     */
    String store(String datasetId, List<Path> files);

    /**
     * Checks that a location a person registers is one this mode reads, and writes it the way it is stored.
     *
     * @throws IllegalArgumentException saying what a valid location looks like
     */
    String normalise(String location);

    /**
     * A folder on this machine holding the set's files: the location itself in local mode, a download into
     * {@code scratch} in aws mode (at most {@code maxFiles} files of at most {@code maxBytes} in total).
     *
     * @throws IllegalArgumentException when the location cannot be read (the message says why)
     */
    Path materialise(String location, Path scratch, int maxFiles, long maxBytes);

    /** An example of a location people register in this mode (shown in the register dialog). */
    String registrationExample();

    /**
     * One file of the set.
     *
     * @throws IllegalArgumentException when it cannot be read
     */
    byte[] read(String location, String relativePath);
}
