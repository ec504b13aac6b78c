package com.poseops.platform.persistence.local;

import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
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
 * Run as {@code DynamoDbLocalLauncher --check <file>}, it checks a database file with SQLite's quick check and exits
 * with {@link #EXIT_CORRUPT} and a line naming the file when it is damaged; the console runs that before each start.
 *
 * <p>This class is copied as a single {@code .class} file next to the DynamoDB Local jars, so it may use nothing but
 * the JDK (and no nested or anonymous classes, which would be separate files); it reaches DynamoDB Local and Jetty by
 * reflection. A DynamoDB Local upgrade that changes what it reaches fails the start with a message, and the tests.
 *
 * <p>Arguments: {@code <console pid> <DynamoDB Local arguments…>}, or {@code --check <database file>}.
 */
public final class DynamoDbLocalLauncher {

    static final String LOOPBACK = "127.0.0.1";
    /** The file DynamoDB Local keeps every table in, with {@code -sharedDb}. */
    static final String DATABASE_FILE = "shared-local-instance.db";
    /** First argument of the check run: {@code --check <database file>}. */
    static final String CHECK = "--check";
    /** Exit code and the start of the line that report a damaged database file. */
    static final int EXIT_CORRUPT = 3;
    static final String CORRUPT_MARKER = "POSEOPS-DAMAGED-DATABASE";
    private static final String SERVER_RUNNER = "com.amazonaws.services.dynamodbv2.local.main.ServerRunner";

    private DynamoDbLocalLauncher() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals(CHECK)) {
            // A JVM of its own: SQLite must not be loaded twice into the server's process (it crashes there).
            String damage = checkDatabase(new File(args[1]));
            if (damage != null) {
                System.out.println(CORRUPT_MARKER + " " + damage);
                System.exit(EXIT_CORRUPT);
            }
            System.exit(0);
        }
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

    /**
     * Runs SQLite's {@code PRAGMA quick_check} on the database file (in a JVM of its own, before the server opens the
     * file), so that a damaged file stops the start with its name instead of failing requests later with "unknown
     * error". Null when the file is fine or does not exist yet; otherwise what SQLite says about it.
     */
    static String checkDatabase(File file) {
        if (!file.isFile() || file.length() == 0) {
            return null;
        }
        Object connection = null;
        try {
            Class<?> connectionClass = Class.forName("com.almworks.sqlite4java.SQLiteConnection");
            connection = connectionClass.getConstructor(File.class).newInstance(file);
            connectionClass.getMethod("openReadonly").invoke(connection);
            Object statement = connectionClass.getMethod("prepare", String.class).invoke(connection,
                    "PRAGMA quick_check");
            StringBuilder result = new StringBuilder();
            while ((Boolean) statement.getClass().getMethod("step").invoke(statement)) {
                String row = (String) statement.getClass().getMethod("columnString", int.class).invoke(statement, 0);
                if (result.length() < 300) {
                    result.append(result.length() == 0 ? "" : "; ").append(row);
                }
            }
            statement.getClass().getMethod("dispose").invoke(statement);
            String verdict = result.toString();
            return verdict.equals("ok") ? null : file + ": " + verdict.replaceAll("\\s+", " ");
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return file + ": " + String.valueOf(cause.getMessage()).replaceAll("\\s+", " ");
        } catch (ReflectiveOperationException e) {
            System.err.println("Could not check " + file + " before starting (" + e + "); starting anyway.");
            return null;
        } finally {
            if (connection != null) {
                try {
                    connection.getClass().getMethod("dispose").invoke(connection);
                } catch (ReflectiveOperationException ignored) {
                    // the check is over either way
                }
            }
        }
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
