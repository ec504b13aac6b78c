package com.poseops.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Form posts (the sign-in form is the console's only one; Vaadin talks JSON, uploads are raw or multipart) larger
 * than {@value #MAX_FORM_BYTES} bytes are answered 413 before anything reads their parameters. Without it, Tomcat
 * refuses a form over its limit only when the first filter asks for a parameter — with an exception, a 413 and two
 * stack traces in the log for each such request, which makes the log a target.
 */
final class FormPostLimit extends OncePerRequestFilter {

    /** Also Tomcat's own limit ({@code server.tomcat.max-http-form-post-size}), which bounds a chunked form. */
    static final int MAX_FORM_BYTES = 64 * 1024;
    private static final Logger log = LoggerFactory.getLogger(FormPostLimit.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isForm(request)) {
            long length = request.getContentLengthLong();
            boolean tooLarge = length > MAX_FORM_BYTES;
            if (!tooLarge && length < 0) {
                try {
                    request.getParameterMap(); // a chunked form: Tomcat reads it up to its (same) limit
                } catch (RuntimeException overLimit) {
                    tooLarge = true;
                }
            }
            if (tooLarge) {
                log.info("Refused a form post of {} to {} from {}: larger than {} bytes",
                        length < 0 ? "unknown length" : length + " bytes", request.getRequestURI(),
                        request.getRemoteAddr(), MAX_FORM_BYTES);
                // Written here, not sendError: an error dispatch would parse the parameters again.
                response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
                response.setContentType("text/plain;charset=UTF-8");
                response.getWriter().write("The form is too large.");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return "POST".equalsIgnoreCase(request.getMethod()) && type != null
                && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }
}
