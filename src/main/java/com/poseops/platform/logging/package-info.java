/**
 * How the console's own log lines are written: one event, one line. Messages and exception messages can carry what
 * a stranger typed (a user name, a file name), so CR, LF and other control characters are escaped by the log layout
 * itself ({@code logback-spring.xml}), not by each caller.
 */
@NullMarked
package com.poseops.platform.logging;

import org.jspecify.annotations.NullMarked;
