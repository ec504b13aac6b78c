package com.poseops.platform;

import static com.poseops.testsupport.ConsoleUi.signIn;
import static com.poseops.testsupport.ConsoleUi.waitForVaadin;

import com.poseops.inference.TestData;
import com.poseops.testsupport.Browser;
import com.poseops.testsupport.PackagedApp;
import com.poseops.testsupport.Visitor;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The probes of issue 15, repeatable and with numbers — a benchmark, not a test (its name matches neither surefire's
 * nor failsafe's patterns). Run against any build of the console, e.g. the one before the fixes, with
 * {@code bash bench/hardening-probe.sh [poseops.jar]}; results go to {@code target/hardening-probe.txt}. Each probe
 * records what it saw instead of failing, so that the same command measures a broken and a fixed build.
 *
 * <p>The console runs in local mode with the shared Lightning model, a 1 GB heap (as in the issue), its default
 * config.yml plus one account to guess at ({@code guessme}). The attacker's requests carry
 * {@code X-Forwarded-For: 203.0.113.7} (honoured from loopback by a fixed build), so that throttling its address
 * does not lock the administrator out of the probe.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HardeningProbe {

    private static final String ADMIN_PASSWORD = "probe-admin-Pw-1";
    private static final String GUESSED = "guessme";
    private static final String GUESSED_PASSWORD = "probe-guessme-Pw-2";
    private static final String[] ATTACKER = {"X-Forwarded-For", "203.0.113.7"};
    private static final Path RESULTS = Path.of("target", "hardening-probe.txt");
    private static final Pattern DATABASE_PORT = Pattern.compile("Starting DynamoDB Local \\(pid \\d+\\) on 127\\.0\\.0\\.1:(\\d+)");
    private static final StringBuilder report = new StringBuilder();
    private static Path javaTmp;

    @RegisterExtension
    static final PackagedApp app = probeConsole();

    @RegisterExtension
    final Browser browser = new Browser();

    private static PackagedApp probeConsole() {
        try {
            javaTmp = Files.createTempDirectory("probe-java-tmp-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return PackagedApp.withAdminPassword(ADMIN_PASSWORD).withHeap("1g")
                .withJvmOption("-Djava.io.tmpdir=" + javaTmp)
                .withEnvironment("POSEOPS_MODEL_PATH", TestData.lightningInt8Model().toAbsolutePath().toString())
                .withConfig("""
                        Security:
                          users:
                            - username: %s
                              passwordHash: "{bcrypt}%s"
                              roles: [VIEWER]
                        """.formatted(GUESSED, new BCryptPasswordEncoder().encode(GUESSED_PASSWORD)));
    }

    @Test
    @Order(1)
    void finding1AuditFlooding() throws Exception {
        browser.allowConsoleErrors(""); // a probe measures; it does not fail on what it finds
        section("1. audit-log flooding (" + PackagedApp.jar().getFileName() + ", load " + load() + ")");
        AuditTable before = auditTable();
        Visitor attacker = new Visitor(app.baseUri(), ATTACKER);
        String huge = "a".repeat(349_000);
        List<Integer> statuses = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < 40; i++) {
            statuses.add(attacker.signIn(huge, "x").statusCode());
        }
        long floodMs = millisSince(started);
        AuditTable afterFlood = auditTable();
        record("40 sign-ins with a 349 KB user name: %d ms, statuses %s; audit +%d entries, +%s stored",
                floodMs, histogram(statuses), afterFlood.items() - before.items(),
                megabytes(afterFlood.bytes() - before.bytes()));
        long errorsBefore = serverErrors();
        HttpResponse<String> biggest = attacker.signIn("b".repeat(500_000), "x");
        record("500 KB user name: HTTP %d, stack trace in the answer: %s, server errors logged: %d",
                biggest.statusCode(), biggest.body().contains("at com.") || biggest.body().contains("Exception"),
                serverErrors() - errorsBefore);
        attacker.signIn("bob\r\n2031-01-01T00:00:00.000Z  INFO 1 --- [poseops] [main] c.p.FORGED : admin signed in", "x");
        long forged = app.output().lines().filter(line -> line.startsWith("2031-01-01T00:00:00.000Z")).count();
        record("user name with CR/LF: forged lines in the console log: %d", forged);

        AuditTable beforeScrapes = auditTable();
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 10; i++) {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.url("/actuator/prometheus")))
                    .header("Authorization", basic).GET().build(), HttpResponse.BodyHandlers.discarding());
        }
        record("10 actuator scrapes with HTTP basic: audit +%d entries", auditTable().items() - beforeScrapes.items());

        signIn(browser, app, "admin", ADMIN_PASSWORD);
        for (String page : List.of("/audit", "/")) {
            PageWeight weight = pageWeight(page, page.equals("/audit") ? "audit-grid" : "recent-activity");
            record("visit of %s after the flood: %s transferred, %d ms until shown", page,
                    megabytes(weight.bytes()), weight.millis());
        }
    }

    @Test
    @Order(2)
    void finding2GuessingAndCsrf() {
        browser.allowConsoleErrors(""); // a probe measures; it does not fail on what it finds
        section("2. sign-in: guessing and CSRF");
        AuditTable before = auditTable();
        Visitor guesser = new Visitor(app.baseUri(), ATTACKER);
        int attempts = 0;
        long started = System.nanoTime();
        while (millisSince(started) < 20_000) {
            guesser.signIn(GUESSED, "guess-" + attempts);
            attempts++;
        }
        double seconds = millisSince(started) / 1000.0;
        long checked = auditTable().countFailuresOf(GUESSED) - before.countFailuresOf(GUESSED);
        record("20 s of guessing one account from one address: %d attempts (%.1f/s), %d passwords checked (%.2f/s)",
                attempts, attempts / seconds, checked, checked / seconds);
        boolean rightAccepted = !Visitor.location(guesser.signIn(GUESSED, GUESSED_PASSWORD)).contains("/login");
        record("the right password after %d wrong ones: %s", attempts, rightAccepted ? "accepted" : "refused");

        Visitor forger = new Visitor(app.baseUri());
        forger.postForm("/login", Map.of("username", "admin", "password", ADMIN_PASSWORD), "Origin",
                "http://evil.example");
        record("cross-site sign-in form post without a token: %s", forger.signedIn() ? "signed in" : "refused");
    }

    @Test
    @Order(3)
    void finding3Headers() {
        section("3. browser protections");
        Visitor visitor = new Visitor(app.baseUri());
        for (String path : List.of("/login", "/")) {
            HttpResponse<String> response = visitor.get(path);
            record("%s: CSP %s, nosniff %s, Referrer-Policy %s, Cache-Control '%s', cookie SameSite %s", path,
                    response.headers().firstValue("Content-Security-Policy").isPresent() ? "yes" : "no",
                    response.headers().firstValue("X-Content-Type-Options").isPresent() ? "yes" : "no",
                    response.headers().firstValue("Referrer-Policy").orElse("none"),
                    response.headers().firstValue("Cache-Control").orElse(""),
                    response.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.contains("SameSite"))
                            ? "yes" : "no (or no cookie)");
        }
        signIn(browser, app, "admin", ADMIN_PASSWORD);
        for (String path : List.of("/", "/audit", "/pose", "/models", "/admin/system")) {
            browser.open(app.url(path));
            browser.waitFor("the page " + path, driver -> !driver.findElements(By.id("main-nav")).isEmpty());
            waitForVaadin(browser);
        }
        List<String> errors = browser.consoleErrors();
        record("browser console after visiting 5 pages: %d errors, %d CSP violations", errors.size(),
                errors.stream().filter(e -> e.contains("Content Security Policy")).count());
    }

    @Test
    @Order(4)
    void finding4AnnotatedPngFromFiveSessions() throws Exception {
        section("4. five sessions download the annotated PNG of a 40 MP upload at once (heap 1 GB)");
        Path image = Files.createTempFile("probe-40mp-", ".jpg");
        try {
            com.poseops.pose.AnnotatedPngMemoryTest.write40MegapixelProgressiveJpeg(image);
            record("image: 7744x5164 progressive JPEG, %d KB", Files.size(image) / 1024);
            List<Browser> sessions = new ArrayList<>();
            List<String[]> downloads = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    Browser session = new Browser();
                    session.start();
                    sessions.add(session);
                    signIn(session, app, "admin", ADMIN_PASSWORD);
                    com.poseops.pose.ui.PoseUi.openPoseAndAwaitServing(session, app);
                    String before = com.poseops.pose.ui.PoseUi.uploadId(session);
                    com.poseops.pose.ui.PoseUi.upload(session, image);
                    com.poseops.pose.ui.PoseUi.awaitNewOverlay(session, before);
                    String href = session.waitFor("the download link", driver -> {
                        var links = driver.findElements(By.id("pose-download"));
                        return links.isEmpty() ? null : links.getFirst().getAttribute("href");
                    });
                    downloads.add(new String[] {href,
                            session.driver().manage().getCookieNamed("JSESSIONID").getValue()});
                }
                long rssBefore = rssPeakMegabytes(app.pid());
                long started = System.nanoTime();
                List<Thread> threads = new ArrayList<>();
                List<String> outcomes = java.util.Collections.synchronizedList(new ArrayList<>());
                for (String[] download : downloads) {
                    threads.add(Thread.ofPlatform().start(() -> outcomes.add(fetch(download[0], download[1]))));
                }
                for (Thread thread : threads) {
                    thread.join(Duration.ofMinutes(5));
                }
                long oom = app.output().lines().filter(line -> line.contains("OutOfMemoryError")).count();
                record("5 concurrent downloads: %d ms, answers %s, OutOfMemoryError lines in the log: %d, console "
                        + "RSS peak %d MB (before the downloads %d MB)", millisSince(started), outcomes, oom,
                        rssPeakMegabytes(app.pid()), rssBefore);
            } finally {
                for (Browser session : sessions) {
                    session.quit();
                }
            }
        } finally {
            Files.deleteIfExists(image);
        }
    }

    @Test
    @Order(5)
    void finding5ChunkedModelUpload() throws Exception {
        browser.allowConsoleErrors(""); // a probe measures; it does not fail on what it finds
        section("5. a 200 MB chunked POST to the Register dialog's upload");
        signIn(browser, app, "admin", ADMIN_PASSWORD);
        browser.open(app.url("/models"));
        browser.waitFor("the Register button", driver -> !driver.findElements(By.id("register-button")).isEmpty());
        waitForVaadin(browser);
        browser.driver().findElement(By.id("register-button")).click();
        String target = browser.waitFor("the upload's target", driver -> browser.js(
                "const u = document.getElementById('model-upload'); return u && u.target ? u.target : null;"));
        String session = browser.driver().manage().getCookieNamed("JSESSIONID").getValue();
        long[] sent = {0};
        InputStream body = new InputStream() {
            @Override
            public int read() {
                return -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int count) {
                if (sent[0] >= 200L * 1024 * 1024) {
                    return -1;
                }
                int n = (int) Math.min(count, 200L * 1024 * 1024 - sent[0]);
                sent[0] += n;
                return n;
            }
        };
        String answer;
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(app.url("/")).resolve(target)).timeout(Duration.ofMinutes(3))
                            .header("Cookie", "JSESSIONID=" + session)
                            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            answer = "HTTP " + response.statusCode();
        } catch (IOException e) {
            answer = "connection closed by the server (" + e.getClass().getSimpleName() + ")";
        }
        Thread.sleep(2000);
        String dialog = browser.driver().findElements(By.id("register-dialog")).isEmpty() ? "" : String.join(" | ",
                textOf("uploaded-file"), textOf("register-error"));
        record("answer: %s after %d MB sent; the dialog says: %s", answer, sent[0] / (1024 * 1024), dialog);
        record("files left: %s in the JVM temp dir, %s in <dataDir>/tmp", largeFiles(javaTmp),
                largeFiles(app.dataDirectory().resolve("tmp")));
        app.restart();
        record("after a restart: %s in the JVM temp dir, %s in <dataDir>/tmp", largeFiles(javaTmp),
                largeFiles(app.dataDirectory().resolve("tmp")));
    }

    @Test
    @Order(6)
    void finding8ChildEnvironment() throws Exception {
        section("8. what child processes can read");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline && app.descendants().stream().noneMatch(p -> commandLine(p)
                .contains("inference.server.Main"))) {
            Thread.sleep(500);
        }
        for (ProcessHandle child : app.descendants()) {
            String environment = Files.readString(Path.of("/proc", Long.toString(child.pid()), "environ"),
                    StandardCharsets.ISO_8859_1);
            record("%s: POSEOPS_ADMIN_PASSWORD in /proc/%d/environ: %s, %d variables",
                    commandLine(child).contains("DynamoDbLocalLauncher") ? "DynamoDB Local" : "local endpoint",
                    child.pid(), environment.contains("POSEOPS_ADMIN_PASSWORD"),
                    environment.split("\0").length);
        }
    }

    @Test
    @Order(7)
    void finding6DatabaseKilled() throws Exception {
        section("6. the database child killed with SIGKILL");
        ProcessHandle database = app.descendants().stream()
                .filter(p -> commandLine(p).contains("DynamoDbLocalLauncher")).findFirst().orElseThrow();
        Instant killed = Instant.now();
        database.destroyForcibly();
        Duration healthy = null;
        Duration signedIn = null;
        while (Duration.between(killed, Instant.now()).toSeconds() < 90 && signedIn == null) {
            if (healthy == null && new Visitor(app.baseUri()).get("/actuator/health").body().contains("\"UP\"")
                    && Duration.between(killed, Instant.now()).toMillis() > 1500) {
                healthy = Duration.between(killed, Instant.now());
            }
            if (healthy != null) {
                Visitor admin = new Visitor(app.baseUri());
                admin.signIn("admin", ADMIN_PASSWORD);
                if (admin.signedIn()) {
                    signedIn = Duration.between(killed, Instant.now());
                }
            }
            Thread.sleep(500);
        }
        record("health UP again after: %s; sign-in working after: %s",
                healthy == null ? "not within 90 s" : healthy.toMillis() + " ms",
                signedIn == null ? "not within 90 s" : signedIn.toMillis() + " ms");
    }

    @Test
    @Order(8)
    void finding7Corruption() throws Exception {
        section("7. damaged files at start");
        try {
            app.stop();
        } catch (AssertionError noDatabaseChild) {
            // a build that never restarted its killed database has none to stop
        }
        Path database = app.dataDirectory().resolve("dynamodb/shared-local-instance.db");
        Path saved = Files.copy(database, database.resolveSibling("saved.db"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        byte[] garbage = new byte[4096];
        new Random(15).nextBytes(garbage);
        try (RandomAccessFile file = new RandomAccessFile(database.toFile(), "rw")) {
            file.write(garbage);
        }
        StartResult damaged = startOnce();
        record("4 KB of garbage over the database file: %s", damaged);
        Files.move(saved, database, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        Path jar;
        try (Stream<Path> files = Files.walk(app.dataDirectory().resolve("runtime"))) {
            jar = files.filter(p -> p.getFileName().toString().matches("DynamoDBLocal-.*\\.jar")).findFirst()
                    .orElseThrow();
        }
        try (RandomAccessFile file = new RandomAccessFile(jar.toFile(), "rw")) {
            file.seek(Files.size(jar) - 4096); // its last 4 KB: the zip's directory of entries
            file.write(new byte[4096]);
        }
        record("DynamoDB Local jar damaged at the same size: %s", startOnce());
        app.start();
    }

    // ---- helpers ----

    private record AuditTable(long items, long bytes, List<Map<String, AttributeValue>> rows) {
        long countFailuresOf(String actor) {
            return rows.stream().filter(row -> actor.equals(text(row, "actor")) && "FAILURE".equals(text(row,
                    "outcome"))).count();
        }

        private static String text(Map<String, AttributeValue> row, String key) {
            AttributeValue value = row.get(key);
            return value == null ? null : value.s();
        }
    }

    private record PageWeight(long bytes, long millis) {
    }

    private record StartResult(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** Starts the console once on the (damaged) data directory and says how it ended. */
    private StartResult startOnce() throws Exception {
        Path out = Files.createTempFile("probe-start-", ".log");
        ProcessBuilder builder = new ProcessBuilder(PackagedApp.javaExecutable(), "--enable-native-access=ALL-UNNAMED",
                "-jar", PackagedApp.jar().toString());
        builder.environment().keySet().removeIf(variable -> variable.startsWith("POSEOPS_"));
        builder.environment().put("POSEOPS_DATA_DIR", app.dataDirectory().toString());
        builder.environment().put("POSEOPS_ADMIN_PASSWORD", ADMIN_PASSWORD);
        builder.environment().put("SERVER_PORT", Integer.toString(com.poseops.inference.TestPorts.freeLoopbackPort()));
        builder.redirectErrorStream(true).redirectOutput(out.toFile());
        long started = System.nanoTime();
        Process process = builder.start();
        String result = null;
        while (result == null && millisSince(started) < 120_000) {
            if (!process.isAlive()) {
                List<String> lines = Files.readAllLines(out).stream().filter(l -> !l.isBlank()).toList();
                String lastLine = lines.isEmpty() ? "" : lines.getLast();
                result = String.format(Locale.ROOT, "stopped after %d ms with exit code %d, %d output lines, %d of "
                        + "them stack frames; last line: %s", millisSince(started), process.exitValue(), lines.size(),
                        lines.stream().filter(l -> l.trim().startsWith("at ")).count(),
                        lastLine.length() > 240 ? lastLine.substring(0, 240) + "…" : lastLine);
            } else if (new String(Files.readAllBytes(out), StandardCharsets.UTF_8)
                    .contains("Started PoseOpsApplication")) {
                result = "started normally after " + millisSince(started) + " ms";
            } else {
                Thread.sleep(250);
            }
        }
        if (result == null) {
            result = "neither started nor stopped within 120 s";
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroy();
        process.waitFor(40, TimeUnit.SECONDS);
        process.destroyForcibly();
        Files.deleteIfExists(out);
        return new StartResult(result);
    }

    private PageWeight pageWeight(String path, String readyId) {
        long started = System.nanoTime();
        browser.open(app.url(path));
        browser.waitFor("the page " + path, driver -> !driver.findElements(By.id(readyId)).isEmpty());
        waitForVaadin(browser);
        long millis = millisSince(started);
        Number bytes = browser.js("""
                const all = performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'));
                return all.reduce((sum, e) => sum + (e.transferSize || e.encodedBodySize || 0), 0);
                """);
        return new PageWeight(bytes.longValue(), millis);
    }

    /** The audit table read straight from DynamoDB Local: entries, and the bytes of their text. */
    private static AuditTable auditTable() {
        Matcher port = DATABASE_PORT.matcher(app.output());
        String last = null;
        while (port.find()) {
            last = port.group(1);
        }
        try (DynamoDbClient client = DynamoDbClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + last))
                .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("local", "local"))).build()) {
            List<Map<String, AttributeValue>> rows = new ArrayList<>();
            Map<String, AttributeValue> start = null;
            long bytes = 0;
            do {
                Map<String, AttributeValue> from = start;
                ScanResponse page = client.scan(r -> r.tableName("poseops-audit").exclusiveStartKey(from));
                for (Map<String, AttributeValue> row : page.items()) {
                    rows.add(row);
                    bytes += row.values().stream().mapToLong(v -> v.s() == null ? 8 : v.s().length()).sum();
                }
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey()
                        : null;
            } while (start != null);
            return new AuditTable(rows.size(), bytes, rows);
        }
    }

    private static String fetch(String href, String session) {
        try {
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href))
                    .timeout(Duration.ofMinutes(4)).header("Cookie", "JSESSIONID=" + session).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return response.statusCode() + (response.statusCode() == 200 ? " (" + response.body().length / 1024
                    + " KB)" : "");
        } catch (IOException e) {
            return "failed: " + e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private String textOf(String id) {
        var elements = browser.driver().findElements(By.id(id));
        return elements.isEmpty() ? "" : elements.getFirst().getText().trim();
    }

    private static String largeFiles(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return "0 files";
        }
        try (Stream<Path> files = Files.walk(directory)) {
            List<Path> found = files.filter(Files::isRegularFile).toList();
            long bytes = 0;
            for (Path file : found) {
                bytes += Files.size(file);
            }
            return found.size() + " files (" + megabytes(bytes) + ")";
        }
    }

    private static long rssPeakMegabytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** Requests that ended in an exception (a 500 before any error page), as the servlet container logs them. */
    private static long serverErrors() {
        return app.output().lines().filter(line -> line.contains("threw exception")).count();
    }

    private static String histogram(List<Integer> statuses) {
        Map<Integer, Long> counts = new java.util.TreeMap<>();
        statuses.forEach(status -> counts.merge(status, 1L, Long::sum));
        return counts.toString();
    }

    private static String commandLine(ProcessHandle process) {
        return process.info().commandLine().orElse("?");
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.2f MB", bytes / (1024.0 * 1024.0));
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static void section(String title) {
        report.append('\n').append(title).append('\n');
        System.out.println(title);
    }

    private static void record(String format, Object... arguments) {
        String line = "  " + String.format(Locale.ROOT, format, arguments);
        report.append(line).append('\n');
        System.out.println(line);
        try {
            Files.createDirectories(RESULTS.getParent());
            Files.writeString(RESULTS, report.toString());
        } catch (IOException ignored) {
            // the console output has it too
        }
    }
}
