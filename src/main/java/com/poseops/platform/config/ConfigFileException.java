package com.poseops.platform.config;

/** The configuration file itself cannot be used (missing, unreadable, not YAML). */
public class ConfigFileException extends RuntimeException {

    public ConfigFileException(String message) {
        super(message);
    }
}
