package com.poseops.platform.notifications;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server on a free loopback port that plays a chat incoming-webhook: it records every POST (body and
 * content type) and answers with the status the test chooses per request (e.g. 500, 500, then 200).
 */
public final class WebhookReceiver implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One request as received. */
    public record Received(String contentType, String body) {
        public Map<String, Object> json() {
            return JSON.readValue(body, new TypeReference<Map<String, Object>>() {
            });
        }
    }

    private final HttpServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final List<Received> all = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile IntSupplier status = () -> 200;

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hooks/poseops", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            requests.incrementAndGet();
            int answer = status.getAsInt();
            if (answer / 100 == 2) {
                Received item = new Received(exchange.getRequestHeaders().getFirst("Content-Type"), body);
                all.add(item);
                received.add(item);
            }
            byte[] reply = (answer / 100 == 2 ? "ok" : "temporarily broken").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/poseops");
    }

    /** Answers every request with {@code code}. */
    public void answer(int code) {
        status = () -> code;
    }

    /** Answers the requests with these codes in turn, then with the last one. */
    public void answerInTurn(int... codes) {
        AtomicInteger next = new AtomicInteger();
        status = () -> codes[Math.min(next.getAndIncrement(), codes.length - 1)];
    }

    /** How many requests arrived, accepted or not. */
    public int requests() {
        return requests.get();
    }

    /** The next accepted request, waiting up to {@code timeout}; fails when none comes. */
    public Received next(Duration timeout) throws InterruptedException {
        Received item = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (item == null) {
            throw new AssertionError("The webhook received nothing within " + timeout.toSeconds() + " s ("
                    + requests() + " requests refused or none sent)");
        }
        return item;
    }

    /** Every accepted request so far. */
    public List<Received> all() {
        return List.copyOf(all);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
