package com.poseops.inference.server;

import com.poseops.inference.ErrorCode;
import com.sun.net.httpserver.HttpExchange;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Locale;

/** The HTTP side of {@link InferenceServer}: request bodies within a limit, JSON answers and refusals, their log. */
final class HttpExchanges {

    private static final Logger LOG = System.getLogger(InferenceServer.class.getName());
    private static final String JSON = "application/json";
    /** Bodies of refused requests are read and discarded up to this many bytes so the client sees our answer. */
    private static final long MAX_DISCARD_BYTES = 64L * 1024 * 1024;

    /** A request body: the first {@code length} bytes of {@code bytes}. */
    record Body(byte[] bytes, int length) {
    }

    private HttpExchanges() {
    }

    static boolean acceptedContentType(@Nullable String header) {
        if (header == null) {
            return false;
        }
        int semicolon = header.indexOf(';');
        String type = (semicolon >= 0 ? header.substring(0, semicolon) : header).trim().toLowerCase(Locale.ROOT);
        return type.equals("image/jpeg") || type.equals("image/png") || type.equals("application/x-image");
    }

    /** The request body, or null after answering 413 when it is larger than allowed. */
    static @Nullable Body readBody(HttpExchange exchange, int limit) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        long declaredLength = -1;
        if (declared != null) {
            try {
                declaredLength = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                declaredLength = -1;
            }
        }
        InputStream in = exchange.getRequestBody();
        if (declaredLength > limit) {
            tooLarge(exchange, limit, declaredLength + " bytes");
            return null;
        }
        if (declaredLength >= 0) {
            byte[] bytes = in.readNBytes((int) declaredLength);
            return new Body(bytes, bytes.length);
        }
        // Chunked: read up to one byte past the limit.
        byte[] buffer = new byte[64 * 1024];
        int length = 0;
        while (true) {
            if (length == buffer.length) {
                if (buffer.length > limit) {
                    tooLarge(exchange, limit, "more than " + limit + " bytes");
                    return null;
                }
                buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, limit + 1));
            }
            int n = in.read(buffer, length, buffer.length - length);
            if (n < 0) {
                break;
            }
            length += n;
        }
        if (length > limit) {
            tooLarge(exchange, limit, length + " bytes");
            return null;
        }
        return new Body(buffer, length);
    }

    private static void tooLarge(HttpExchange exchange, int limit, String size) throws IOException {
        refuse(exchange, ErrorCode.PAYLOAD_TOO_LARGE, "The request body is " + size + "; the limit is "
                + limit + " bytes (" + String.format(Locale.ROOT, "%.1f", limit
                / 1048576.0) + " MiB). Send a smaller image: the model only sees " + "192–256 pixels per side.");
    }

    /** Answers an error; reads and discards what is left of the body first so the client reads our answer. */
    static void refuse(HttpExchange exchange, ErrorCode code, String message) throws IOException {
        log(code, message);
        discard(exchange.getRequestBody());
        send(exchange, code.httpStatus(), JsonResponses.error(code, message));
    }

    private static void discard(InputStream in) {
        try {
            long skipped = 0;
            byte[] sink = new byte[64 * 1024];
            for (int n; skipped < MAX_DISCARD_BYTES && (n = in.read(sink)) > 0; ) {
                skipped += n;
            }
        } catch (IOException ignored) {
            // The client stopped sending: nothing to discard.
        }
    }

    static void send(HttpExchange exchange, int status, byte[] json) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", JSON);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : json.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(json);
            }
        }
    }

    static void log(ErrorCode code, String message) {
        Level level = switch (code) {
            case OVERLOADED, MODEL_NOT_READY -> Level.DEBUG;
            case INTERNAL_ERROR -> Level.ERROR;
            default -> Level.INFO;
        };
        LOG.log(level, "{0} {1}: {2}", code.httpStatus(), code.code(), message);
    }
}
