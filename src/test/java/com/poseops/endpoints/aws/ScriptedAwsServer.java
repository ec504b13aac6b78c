package com.poseops.endpoints.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP server that answers every request with what the test's script says — status, headers, body and a
 * delay — so that the real AWS SDK clients meet the failures moto cannot produce (throttling, 5xx, slow answers).
 */
final class ScriptedAwsServer implements AutoCloseable {

    record Reply(int status, Map<String, String> headers, String body, long delayMillis) {
    }

    @FunctionalInterface
    interface Script {
        /** The reply to one request, given its exchange and its body already read as UTF-8. */
        Reply reply(HttpExchange exchange, String body);
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private ScriptedAwsServer(Script script) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/", exchange -> answer(exchange, script));
        server.start();
    }

    static ScriptedAwsServer start(Script script) throws IOException {
        return new ScriptedAwsServer(script);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, Script script) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Reply reply = script.reply(exchange, body);
        try {
            Thread.sleep(reply.delayMillis());
        } catch (InterruptedException e) {
            exchange.close();
            return;
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        try {
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException clientGaveUp) {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
