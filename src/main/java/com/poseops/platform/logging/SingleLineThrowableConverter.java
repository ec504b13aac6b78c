package com.poseops.platform.logging;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/**
 * {@code %wEx} of the console's log pattern: Spring Boot's stack trace layout, but every exception message (which may
 * quote input, e.g. a user name in a database error) on one line, so that a stack trace cannot carry a forged line.
 */
public class SingleLineThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
        return super.throwableProxyToString(new SingleLineMessages(proxy));
    }

    /** The same exception, cause and suppressed ones, with messages made single-line. */
    private record SingleLineMessages(IThrowableProxy delegate) implements IThrowableProxy {

        @Override
        public @Nullable String getMessage() {
            String message = delegate.getMessage();
            return message == null ? null : LogText.singleLine(message);
        }

        @Override
        public @Nullable String getOverridingMessage() {
            String message = delegate.getOverridingMessage();
            return message == null ? null : LogText.singleLine(message);
        }

        @Override
        public String getClassName() {
            return delegate.getClassName();
        }

        @Override
        public StackTraceElementProxy[] getStackTraceElementProxyArray() {
            return delegate.getStackTraceElementProxyArray();
        }

        @Override
        public int getCommonFrames() {
            return delegate.getCommonFrames();
        }

        @Override
        public @Nullable IThrowableProxy getCause() {
            IThrowableProxy cause = delegate.getCause();
            return cause == null ? null : new SingleLineMessages(cause);
        }

        @Override
        public IThrowableProxy[] getSuppressed() {
            IThrowableProxy[] suppressed = delegate.getSuppressed();
            if (suppressed == null) {
                return new IThrowableProxy[0];
            }
            IThrowableProxy[] wrapped = new IThrowableProxy[suppressed.length];
            for (int i = 0; i < suppressed.length; i++) {
                wrapped[i] = new SingleLineMessages(suppressed[i]);
            }
            return wrapped;
        }

        @Override
        public boolean isCyclic() {
            return delegate.isCyclic();
        }
    }
}
