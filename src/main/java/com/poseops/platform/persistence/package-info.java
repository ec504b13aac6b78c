/**
 * DynamoDB for both modes: table definitions written once ({@link com.poseops.platform.persistence.TableDefinition}),
 * created at start in local mode (and in aws mode with {@code POSEOPS_AWS_CREATE_RESOURCES=true}), otherwise checked.
 */
@NullMarked
package com.poseops.platform.persistence;

import org.jspecify.annotations.NullMarked;
