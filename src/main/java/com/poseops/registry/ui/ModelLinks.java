package com.poseops.registry.ui;

/** The addresses of the Models page, for links from other pages (a training job's produced version, the Overview). */
public final class ModelLinks {

    private ModelLinks() {
    }

    /** The page of one version, {@code models/<version>} (relative to the console's base address). */
    public static String version(int version) {
        return "models/" + version;
    }
}
