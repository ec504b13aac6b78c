package com.poseops.platform.security;

import java.util.EnumSet;
import java.util.Set;

/** What a person may do in PoseOps (see docs/ARCHITECTURE.md, "Roles"). */
public enum Role {
    /** Sees everything. */
    VIEWER,
    /** May accept or reject staged model versions. */
    APPROVER,
    /** May deploy, roll back, register versions and start training. */
    DEPLOYER,
    /** All of the above, plus administration. */
    ADMIN;

    /** Names used in {@code @RolesAllowed} (Spring adds the ROLE_ prefix itself). */
    public static final String VIEWER_NAME = "VIEWER";
    public static final String APPROVER_NAME = "APPROVER";
    public static final String DEPLOYER_NAME = "DEPLOYER";
    public static final String ADMIN_NAME = "ADMIN";

    /** The roles a user holding this one has in effect. */
    public Set<Role> implied() {
        return switch (this) {
            case VIEWER -> EnumSet.of(VIEWER);
            case APPROVER -> EnumSet.of(APPROVER, VIEWER);
            case DEPLOYER -> EnumSet.of(DEPLOYER, VIEWER);
            case ADMIN -> EnumSet.allOf(Role.class);
        };
    }

    public String authority() {
        return "ROLE_" + name();
    }
}
