/** What every feature stands on: configuration, security, audit, persistence, AWS client wiring and the shell. */
@NullMarked
package com.poseops.platform;

import org.jspecify.annotations.NullMarked;
