/**
 * Typed, validated configuration: the sections of {@code config.yml} (the seed's sections and PoseOps' own), the
 * environment variables that override them, and the one-line start-up error that names a wrong key.
 */
@NullMarked
package com.poseops.platform.config;

import org.jspecify.annotations.NullMarked;
