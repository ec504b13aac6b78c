/**
 * Model versions and their approval (issue "Models page"): the {@link com.poseops.registry.ModelRegistry} port with
 * its records; the SageMaker Model Registry adapter in {@code aws}, the local one in {@code local}.
 */
@NullMarked
package com.poseops.registry;

import org.jspecify.annotations.NullMarked;
