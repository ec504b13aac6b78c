package com.poseops.platform.persistence.local;

import java.lang.reflect.Method;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/**
 * The entry point of the DynamoDB Local child JVM: ends the child when the console that started it is gone (also
 * after {@code kill -9}, which runs no shutdown hook), then runs DynamoDB Local's own main class.
 *
 * <p>This class is copied as a single {@code .class} file next to the DynamoDB Local jars, so it may use nothing but
 * the JDK (and no nested or anonymous classes, which would be separate files).
 *
 * <p>Arguments: {@code <console pid> <main class> <its arguments…>}.
 */
public final class ExitWithParent {

    private ExitWithParent() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ExitWithParent <console pid> <main class> [arguments…]");
            System.exit(2);
        }
        long consolePid = Long.parseLong(args[0]);
        ProcessHandle console = ProcessHandle.of(consolePid).orElse(null);
        if (console == null || !console.isAlive()) {
            System.err.println("The console (pid " + consolePid + ") is gone; not starting.");
            System.exit(1);
        }
        console.onExit().thenRun(() -> {
            System.err.println(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " The console (pid " + consolePid
                    + ") is gone; stopping DynamoDB Local.");
            // System.exit runs DynamoDB Local's shutdown hooks, which close its SQLite files cleanly.
            System.exit(0);
        });
        Method main = Class.forName(args[1]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    }
}
