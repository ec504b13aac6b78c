package com.poseops.platform.persistence.local;

import java.lang.reflect.Field;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/**
 * The entry point of the DynamoDB Local child JVM, in place of DynamoDB Local's own {@code ServerRunner}, for two
 * things it cannot do by itself:
 * <ul>
 * <li>listen on the loopback interface only — it has no host option, and its Jetty would otherwise accept anyone on
 * the network, with no credentials checked, into the audit log;</li>
 * <li>end when the console that started it is gone, also after {@code kill -9}, which runs no shutdown hook.</li>
 * </ul>
 *
 * <p>This class is copied as a single {@code .class} file next to the DynamoDB Local jars, so it may use nothing but
 * the JDK (and no nested or anonymous classes, which would be separate files); it reaches DynamoDB Local and Jetty by
 * reflection. A DynamoDB Local upgrade that changes what it reaches fails the start with a message, and the tests.
 *
 * <p>Arguments: {@code <console pid> <DynamoDB Local arguments…>}.
 */
public final class DynamoDbLocalLauncher {

    static final String LOOPBACK = "127.0.0.1";
    private static final String SERVER_RUNNER = "com.amazonaws.services.dynamodbv2.local.main.ServerRunner";

    private DynamoDbLocalLauncher() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || !args[0].matches("\\d{1,10}")) {
            System.err.println("usage: DynamoDbLocalLauncher <console pid> [DynamoDB Local arguments…]");
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

        String[] serverArguments = Arrays.copyOfRange(args, 1, args.length);
        Object proxyServer = Class.forName(SERVER_RUNNER)
                .getMethod("createServerFromCommandLineArgs", String[].class).invoke(null, (Object) serverArguments);
        bindToLoopback(proxyServer);
        proxyServer.getClass().getMethod("start").invoke(proxyServer);
        System.err.println(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " DynamoDB Local listens on " + LOOPBACK
                + " only, for the console (pid " + consolePid + ").");
    }

    /** Sets the host of every Jetty connector of the not yet started server to the loopback address. */
    private static void bindToLoopback(Object proxyServer) throws ReflectiveOperationException {
        Field serverField = proxyServer.getClass().getDeclaredField("server");
        serverField.setAccessible(true);
        Object jetty = serverField.get(proxyServer);
        Object[] connectors = (Object[]) jetty.getClass().getMethod("getConnectors").invoke(jetty);
        if (connectors.length == 0) {
            throw new IllegalStateException("DynamoDB Local has no connector to bind to " + LOOPBACK);
        }
        for (Object connector : connectors) {
            connector.getClass().getMethod("setHost", String.class).invoke(connector, LOOPBACK);
        }
    }
}
