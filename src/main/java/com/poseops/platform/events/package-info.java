/**
 * Small records of things that happened, which features publish as Spring application events
 * ({@code ApplicationEventPublisher.publishEvent}) and {@code platform.notifications} turns into notifications.
 * Features depend on these records only, never on the notifications code (docs/ARCHITECTURE.md, "Events").
 */
@NullMarked
package com.poseops.platform.events;

import org.jspecify.annotations.NullMarked;
