package com.poseops.platform.security;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The response headers every page and request of the console carries (docs/decisions/0052).
 *
 * <p>The Content-Security-Policy is what Vaadin Flow works with: its bootstrap page has inline scripts and
 * {@code Page.executeJs} evaluates code ({@code 'unsafe-inline' 'unsafe-eval'} for scripts), its themes and
 * components set inline styles, images are also {@code data:} (the Pose overlay) and {@code blob:}, and push uses a
 * same-origin WebSocket. Everything else is locked down: no plugins, no foreign frames, no foreign form targets, no
 * {@code <base>} games, nothing loaded from another origin.
 *
 * <p>Spring Security writes its headers when the response is committed; Vaadin's page handler commits through a path
 * that loses them, so they are written eagerly, before the request reaches Vaadin (whose own {@code X-Frame-Options}
 * then defers to ours).
 */
final class BrowserProtections {

    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    private BrowserProtections() {
    }

    /** CSP, nosniff, {@code Referrer-Policy: same-origin}, {@code no-store}, frames denied, HSTS over HTTPS. */
    static Customizer<HeadersConfigurer<HttpSecurity>> headers() {
        return headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                .frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
                .contentTypeOptions(Customizer.withDefaults())
                .cacheControl(Customizer.withDefaults())
                .withObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                    @Override
                    public <O extends HeaderWriterFilter> O postProcess(O filter) {
                        filter.setShouldWriteHeadersEagerly(true);
                        return filter;
                    }
                });
    }
}
