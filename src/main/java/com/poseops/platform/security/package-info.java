/**
 * Sign-in, users and roles. Roles are cumulative by expansion: an ADMIN also holds APPROVER, DEPLOYER and VIEWER,
 * so a check names the least role that may act. Services check roles themselves through
 * {@link com.poseops.platform.security.Authorization}; hiding a button is never the only guard.
 */
@NullMarked
package com.poseops.platform.security;

import org.jspecify.annotations.NullMarked;
