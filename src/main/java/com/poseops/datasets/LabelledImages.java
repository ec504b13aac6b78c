package com.poseops.datasets;

import com.poseops.inference.labels.LabelledPose;
import java.util.List;

/**
 * The labelled images of a set, ready to be run through a model: each image's truth and a way to read its bytes
 * (read one at a time, so a large set never sits in memory as a whole).
 *
 * @param label what the set is called on the page and in the audit log
 */
public record LabelledImages(String label, List<Item> items) {

    /** Reads the bytes of one image; throws {@link IllegalArgumentException} when it cannot. */
    @FunctionalInterface
    public interface Bytes {
        byte[] read();
    }

    public record Item(String name, LabelledPose truth, Bytes bytes) {
    }

    public LabelledImages {
        items = List.copyOf(items);
    }
}
