package com.poseops.inference.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Python peer of {@code inference/benchmark --peer}: a temporary virtual environment with
 * {@code tensorflow-cpu==2.21.0}, numpy and pillow from the machine's offline package index, running
 * {@code inference/bench/peer_server.py} (TensorFlow Lite's Python interpreter on the same model, same letterboxing,
 * same thread count). Everything is deleted again on {@link #close()}.
 */
final class PythonPeer implements AutoCloseable {

    static final String INDEX = "file:///opt/pypi/simple";
    static final List<String> PACKAGES = List.of("tensorflow-cpu==2.21.0", "numpy", "pillow");

    private final Path venv;
    private final Process process;
    final int port;
    final String banner;

    private PythonPeer(Path venv, Process process, int port, String banner) {
        this.venv = venv;
        this.process = process;
        this.port = port;
        this.banner = banner;
    }

    static PythonPeer start(Path script, Path model, int workers) throws IOException, InterruptedException {
        Path venv = Files.createTempDirectory("poseops-peer-venv");
        try {
            run(List.of("python3", "-m", "venv", venv.toString()), "python3 -m venv");
            java.util.ArrayList<String> pip = new java.util.ArrayList<>(List.of(venv.resolve("bin/pip").toString(),
                    "install", "-q", "--disable-pip-version-check", "--index-url", INDEX));
            pip.addAll(PACKAGES);
            System.out.println("  creating the peer's virtual environment (" + String.join(" ", PACKAGES)
                    + " from " + INDEX + ") …");
            run(pip, "pip install");
            int port;
            try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            Process process = new ProcessBuilder(venv.resolve("bin/python").toString(), script.toString(),
                    model.toString(), Integer.toString(port), Integer.toString(workers))
                    .redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String line; (line = out.readLine()) != null; ) {
                        if (line.startsWith("peer ready")) {
                            Thread.ofVirtual().start(() -> drain(out));
                            return line;
                        }
                    }
                    return null;
                } catch (IOException e) {
                    return null;
                }
            });
            String banner;
            try {
                banner = ready.get(180, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                banner = null;
            }
            if (banner == null) {
                process.destroyForcibly();
                throw new IOException("the Python peer did not start (no 'peer ready' line)");
            }
            return new PythonPeer(venv, process, port, banner);
        } catch (IOException | InterruptedException | RuntimeException e) {
            delete(venv);
            throw e;
        }
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // keep the pipe empty
            }
        } catch (IOException ignored) {
            // the peer has stopped
        }
    }

    private static void run(List<String> command, String what) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(what + " failed:\n" + output);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        delete(venv);
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
