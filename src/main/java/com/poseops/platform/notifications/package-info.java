/**
 * The notification centre: turns {@code platform.events} into notifications, keeps them (DynamoDB), shows them to every
 * open page (one fan-out per console) and sends them on — to the SNS topic in aws mode, to a webhook in local mode.
 * Features never call this package: they publish events (docs/ARCHITECTURE.md, "Events").
 */
@NullMarked
package com.poseops.platform.notifications;

import org.jspecify.annotations.NullMarked;
