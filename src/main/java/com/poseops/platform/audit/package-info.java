/**
 * The audit log: who did what to which target, when, with what outcome and comment. Every mutating action and
 * every sign-in writes to it; SageMaker records only the calling role, so this is where the human is kept.
 */
@NullMarked
package com.poseops.platform.audit;

import org.jspecify.annotations.NullMarked;
