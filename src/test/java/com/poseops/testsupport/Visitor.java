package com.poseops.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A visitor of the console without a browser — a script, or an attacker: an HTTP client with its own cookies that
 * follows no redirect, so that a test sees each answer as it is. It can fill in the sign-in form the way a browser
 * does (with the CSRF token of the page it got), or post without one.
 */
public final class Visitor {

    private static final Pattern CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final URI base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private final String[] always;

    /**
     * @param always headers sent with every request, e.g. {@code X-Forwarded-For, 203.0.113.7} to come from another
     *               address through the (trusted, loopback) proxy headers
     */
    public Visitor(URI base, String... always) {
        this.base = base;
        this.always = always;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    public HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        if (always.length > 0) {
            request.headers(always);
        }
        return send(request.build());
    }

    /** Opens the sign-in page and posts the form with its CSRF token, as a browser would. */
    public HttpResponse<String> signIn(String username, String password) {
        String token = csrfToken().orElseThrow(() -> new AssertionError("the sign-in page has no CSRF token"));
        return postForm("/login", Map.of("username", username, "password", password, "_csrf", token));
    }

    /** The CSRF token the sign-in page hands out (in a meta tag that Vaadin's login form reads). */
    public Optional<String> csrfToken() {
        Matcher matcher = CSRF.matcher(get("/login").body());
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    public HttpResponse<String> postForm(String path, Map<String, String> fields, String... headers) {
        String body = fields.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        if (always.length > 0) {
            request.headers(always);
        }
        return send(request.build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("HTTP " + request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Where a redirect answer points ("" when it is none). */
    public static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    /** True when this visitor's session is signed in: the console's home answers instead of sending to /login. */
    public boolean signedIn() {
        HttpResponse<String> home = get("/");
        return home.statusCode() == 200 && !location(home).contains("/login");
    }

    public Optional<String> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(cookie -> cookie.getName().equals(name))
                .map(HttpCookie::getValue).findFirst();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
