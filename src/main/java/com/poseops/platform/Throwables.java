package com.poseops.platform;

import org.jspecify.annotations.Nullable;

/** Looking into an exception's cause chain. */
public final class Throwables {

    private Throwables() {
    }

    /** The first throwable of the given type in the chain from {@code error} down its causes, or null. */
    public static <T extends Throwable> @Nullable T find(Throwable error, Class<T> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
