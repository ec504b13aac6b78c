package com.poseops.endpoints.local;

import com.poseops.endpoints.Deployment;
import com.poseops.endpoints.DeploymentPolicy;
import com.poseops.endpoints.EndpointDescription;
import com.poseops.inference.TestData;
import com.poseops.platform.security.Role;
import com.poseops.registry.ApprovalStatus;
import com.poseops.registry.ModelVersion;
import com.poseops.registry.RegistryService;
import com.poseops.testsupport.LocalEndpointRig;
import com.poseops.testsupport.PoseOpsSpringTest;
import com.poseops.testsupport.Users;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Benchmarks, not tests (the names match no surefire or failsafe pattern; run them on purpose, see README).
 * <ul>
 *   <li>{@code frontDoorOverhead}: the same requests (image2.jpeg), interleaved one by one, sent straight to the
 *   serving variant's process ({@code POST /invocations}) and through the front door
 *   ({@code POST /endpoints/<name>/invocations}), both with the JDK's HTTP client on keep-alive connections.</li>
 *   <li>{@code defaultPolicyDeploy}: Deploy with {@link DeploymentPolicy#defaults()} and the time until all traffic is
 *   on the new version (and until the deployment has ended), with a client sending requests the whole time.</li>
 * </ul>
 * Results are printed and written to {@code target/front-door-benchmark.txt}.
 */
@PoseOpsSpringTest
class FrontDoorBenchmark {

    private static final int WARM_UP = 30;
    private static final int RUNS = 300;

    @Autowired
    ApplicationContext context;

    @Autowired
    RegistryService registry;

    @Test
    void frontDoorOverhead() throws Exception {
        byte[] jpeg = Files.readAllBytes(TestData.tensorflowExamples("image2.jpeg"));
        try (LocalEndpointRig rig = LocalEndpointRig.start(context, LocalBlueGreenTest.unique("bench"),
                TestData.lightningInt8Model(), 60.0)) {
            rig.awaitInService();
            URI direct = rig.controlPlane().servingProcessUris().getFirst().resolve("/invocations");
            URI frontDoor = rig.controlPlane().invocationUrl();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<Double> straight = new ArrayList<>();
            List<Double> through = new ArrayList<>();
            for (int i = 0; i < WARM_UP + RUNS; i++) {
                double a = timeMillis(http, direct, jpeg);
                double b = timeMillis(http, frontDoor, jpeg);
                if (i >= WARM_UP) {
                    straight.add(a);
                    through.add(b);
                }
            }
            String report = String.format(Locale.ROOT, """
                    Front door overhead, %d requests each (after %d warm-up), interleaved, image2.jpeg (%d bytes):
                      straight to the variant  p50 %.2f ms  p99 %.2f ms
                      through the front door   p50 %.2f ms  p99 %.2f ms
                      extra latency p50 %.2f ms, ratio p50 %.3f
                    """, RUNS, WARM_UP, jpeg.length, percentile(straight, 50), percentile(straight, 99),
                    percentile(through, 50), percentile(through, 99),
                    percentile(through, 50) - percentile(straight, 50),
                    percentile(through, 50) / percentile(straight, 50));
            write(report);
        }
    }

    @Test
    void defaultPolicyDeploy() throws Exception {
        ModelVersion version = Users.as("bench", Role.DEPLOYER, () -> registry.register(TestData.lightningInt8Model(),
                "m.tflite", "benchmark of the default policy"));
        Users.as("bench-approver", Role.APPROVER, () -> registry.decide(version.version(), ApprovalStatus.APPROVED,
                "benchmark"));
        byte[] jpeg = Files.readAllBytes(TestData.tensorflowExamples("image2.jpeg"));
        try (LocalEndpointRig rig = LocalEndpointRig.start(context, LocalBlueGreenTest.unique("bench-deploy"),
                TestData.lightningInt8Model(), 60.0)) {
            rig.awaitInService();
            var traffic = com.poseops.testsupport.InvocationTraffic.start(rig.frontDoor(), rig.endpointName(), jpeg,
                    1, Duration.ofMillis(50));
            DeploymentPolicy defaults = DeploymentPolicy.defaults();
            // -Dposeops.bench.bake=60 for a quicker look at the same policy with shorter bakes
            DeploymentPolicy policy = new DeploymentPolicy(defaults.routing(), defaults.stepPercent(),
                    Integer.getInteger("poseops.bench.bake", defaults.waitIntervalSeconds()),
                    defaults.terminationWaitSeconds(), defaults.maximumExecutionSeconds(), defaults.autoRollback());
            Instant clicked = Instant.now();
            Deployment started = Users.as("bench", Role.DEPLOYER, () -> rig.service().deploy(version.version(),
                    policy));
            EndpointDescription firstTraffic = rig.await("traffic on the new fleet", d -> d.pendingDeployment() != null
                    && d.pendingDeployment().variants().getFirst().currentWeight() > 0, Duration.ofMinutes(5));
            Instant canary = Instant.now();
            rig.await("all traffic on the new fleet", d -> d.pendingDeployment() == null
                    ? d.endpointConfigName().equals(started.toConfig())
                    : d.pendingDeployment().variants().getFirst().currentWeight() >= 1.0, Duration.ofMinutes(20));
            Instant all = Instant.now();
            rig.await("the deployment done", d -> d.status() == EndpointDescription.Status.IN_SERVICE
                    && d.endpointConfigName().equals(started.toConfig()), Duration.ofMinutes(20));
            Instant done = Instant.now();
            traffic.close();
            write(String.format(Locale.ROOT, """
                    Default policy (%s): Deploy → first traffic on the new fleet %.1f s (%s %%), → all traffic on the
                      new version %.1f s, → deployment done (final bake, old fleet drained and stopped) %.1f s;
                      %d requests during it, %d failed %s
                    """, com.poseops.endpoints.EndpointService.describe(policy, rig.monitor().rollbackAlarms()),
                    seconds(clicked, canary), Math.round(firstTraffic.pendingDeployment().variants().getFirst()
                            .currentWeight() * 100), seconds(clicked, all), seconds(clicked, done),
                    traffic.answers().size(), traffic.failures().size(),
                    traffic.failures().stream().distinct().limit(5).toList()));
        }
    }

    /** A client sending requests for {@code poseops.soak.seconds} (default 240) with nothing else going on. */
    @Test
    void steadyTraffic() throws Exception {
        byte[] jpeg = Files.readAllBytes(TestData.tensorflowExamples("image2.jpeg"));
        long seconds = Long.getLong("poseops.soak.seconds", 240);
        try (LocalEndpointRig rig = LocalEndpointRig.start(context, LocalBlueGreenTest.unique("soak"),
                TestData.lightningInt8Model(), 60.0)) {
            rig.awaitInService();
            var traffic = com.poseops.testsupport.InvocationTraffic.start(rig.frontDoor(), rig.endpointName(), jpeg, 1,
                    Duration.ofMillis(50));
            Thread.sleep(Duration.ofSeconds(seconds));
            traffic.close();
            write(String.format(Locale.ROOT, "Steady traffic for %d s: %d requests, %d failed %s%n", seconds,
                    traffic.answers().size(), traffic.failures().size(),
                    traffic.failures().stream().distinct().limit(5).toList()));
        }
    }

    private static double timeMillis(HttpClient http, URI uri, byte[] body) throws Exception {
        long start = System.nanoTime();
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "image/jpeg")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        double millis = (System.nanoTime() - start) / 1e6;
        if (response.statusCode() != 200) {
            throw new AssertionError(uri + " answered " + response.statusCode());
        }
        return millis;
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static void write(String report) throws Exception {
        System.out.println(report);
        Path file = Path.of("target", "front-door-benchmark.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report + System.lineSeparator(), java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }
}
