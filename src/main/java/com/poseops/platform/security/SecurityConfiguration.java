package com.poseops.platform.security;

import com.poseops.platform.audit.AuditLog;
import com.poseops.platform.config.PoseOpsSettings;
import com.poseops.platform.config.SecuritySettings;
import com.poseops.platform.config.SignInSettings;
import com.poseops.platform.persistence.DatabaseStatus;
import com.poseops.platform.ui.LoginView;
import com.vaadin.flow.spring.security.RequestUtil;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.RequestMatcherDelegatingAccessDeniedHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableMethodSecurity
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    static final String LOGIN_PATH = "/login";

    /**
     * Actuator: health is public (load balancers, Docker HEALTHCHECK); the rest needs an ADMIN over HTTP Basic, through
     * the same bounded, throttled password check as the sign-in form (a scrape is audited once per user and run).
     */
    @Bean
    @Order(1)
    SecurityFilterChain actuatorSecurity(HttpSecurity http, UserDetailsService users, PasswordEncoder encoder,
            SignInThrottle throttle, AuditLog auditLog, DatabaseStatus database) throws Exception {
        return http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .authenticationManager(guarded(SignInGuard.Channel.ACTUATOR, users, encoder, throttle, auditLog,
                        database))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(EndpointRequest.to("health")).permitAll()
                        .anyRequest().hasRole(Role.ADMIN_NAME))
                .httpBasic(Customizer.withDefaults())
                .csrf(csrf -> csrf.disable())
                .headers(BrowserProtections.headers())
                .build();
    }

    /**
     * The console: Vaadin's configuration, but with CSRF protection on the sign-in form (Vaadin exempts the login
     * path; only its own framework requests, which carry Vaadin's security key, are exempt here), the guarded
     * password check and the browser protections.
     */
    @Bean
    @Order(2)
    SecurityFilterChain consoleSecurity(HttpSecurity http, RequestUtil requestUtil, UserDetailsService users,
            PasswordEncoder encoder, SignInThrottle throttle, AuditLog auditLog, DatabaseStatus database)
            throws Exception {
        RequestMatcher signInPost = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, LOGIN_PATH);
        // An address that is no route reaches Vaadin when signed in, which shows the console's not-found page (the
        // default would deny it with a bare 403); anonymous visitors still go to the sign-in page first.
        http.authenticationManager(guarded(SignInGuard.Channel.FORM, users, encoder, throttle, auditLog, database))
                .with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class)
                        .enableCsrfConfiguration(false)
                        .anyRequest(AuthorizeHttpRequestsConfigurer.AuthorizedUrl::authenticated))
                .csrf(csrf -> csrf.ignoringRequestMatchers(requestUtil::isFrameworkInternalRequest))
                // Only the sign-in form's refusals go back to the form; every other denial stays a plain 403 (a single
                // defaultAccessDeniedHandlerFor would become the handler of all of them).
                .exceptionHandling(exceptions -> exceptions.accessDeniedHandler(
                        new RequestMatcherDelegatingAccessDeniedHandler(
                                new LinkedHashMap<>(Map.of(signInPost, expiredSignInForm())),
                                new AccessDeniedHandlerImpl())))
                .headers(BrowserProtections.headers());
        return http.build();
    }

    /** A sign-in post without a valid CSRF token (an expired page, or another site's form) goes back to the form. */
    private static AccessDeniedHandler expiredSignInForm() {
        return (request, response, denied) -> {
            log.info("Refused a sign-in form post without a valid CSRF token from {}", request.getRemoteAddr());
            request.getSession(true).setAttribute(WebAttributes.AUTHENTICATION_EXCEPTION,
                    new SignInRefusedException(SignInRefusedException.Reason.FORM_EXPIRED,
                            "The sign-in form had expired. Sign in again."));
            response.sendRedirect(request.getContextPath() + LOGIN_PATH + "?error");
        };
    }

    private static AuthenticationManager guarded(SignInGuard.Channel channel, UserDetailsService users,
            PasswordEncoder encoder, SignInThrottle throttle, AuditLog auditLog, DatabaseStatus database) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(encoder);
        return new ProviderManager(new SignInGuard(channel, passwords, throttle, auditLog, database));
    }

    /** Oversized form posts are refused before any filter (Spring Security's included) reads their parameters. */
    @Bean
    FilterRegistrationBean<FormPostLimit> formPostLimit() {
        FilterRegistrationBean<FormPostLimit> registration = new FilterRegistrationBean<>(new FormPostLimit());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Bean
    SignInThrottle signInThrottle(SignInSettings settings, Clock clock) {
        return new SignInThrottle(
                new SignInThrottle.Limits(settings.accountFreeFailures(), settings.accountLockAfterFailures()),
                new SignInThrottle.Limits(settings.clientFreeFailures(), settings.clientLockAfterFailures()),
                settings.maxDelay(), settings.lockDuration(), clock);
    }

    @Bean
    SignInLocks signInLocks(SignInThrottle throttle, Authorization authorization, AuditLog auditLog) {
        return new SignInLocks(throttle, authorization, auditLog);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService userDetailsService(SecuritySettings security, PoseOpsSettings settings,
            PasswordEncoder encoder) {
        List<UserDetails> users = new ArrayList<>();
        users.add(user(BootstrapAdmin.USERNAME,
                BootstrapAdmin.passwordHash(security.adminPassword(), settings.dataDirectory(), encoder),
                Set.of(Role.ADMIN)));
        for (SecuritySettings.User configured : security.users()) {
            if (configured.username().equals(BootstrapAdmin.USERNAME)) {
                throw new IllegalStateException("config.yml Security.users must not define \"admin\": it is the "
                        + "bootstrap account (set POSEOPS_ADMIN_PASSWORD to choose its password).");
            }
            String hash = configured.passwordHash().startsWith("{") ? configured.passwordHash()
                    : "{bcrypt}" + configured.passwordHash();
            users.add(user(configured.username(), hash, configured.roles()));
        }
        return new InMemoryUserDetailsManager(users);
    }

    private static UserDetails user(String username, String passwordHash, Set<Role> roles) {
        Set<SimpleGrantedAuthority> authorities = roles.stream()
                .flatMap(role -> role.implied().stream())
                .map(role -> new SimpleGrantedAuthority(role.authority()))
                .collect(Collectors.toSet());
        return User.withUsername(username).password(passwordHash).authorities(authorities).build();
    }
}
