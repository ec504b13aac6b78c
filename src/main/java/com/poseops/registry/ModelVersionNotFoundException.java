package com.poseops.registry;

/** No model version with this number exists in the registry. */
public class ModelVersionNotFoundException extends RuntimeException {

    private final int version;

    public ModelVersionNotFoundException(int version, String registry) {
        super("Model version " + version + " does not exist in " + registry + ".");
        this.version = version;
    }

    public int version() {
        return version;
    }
}
