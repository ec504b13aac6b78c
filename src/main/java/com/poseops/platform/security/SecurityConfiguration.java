package com.poseops.platform.security;

import com.poseops.platform.config.PoseOpsSettings;
import com.poseops.platform.config.SecuritySettings;
import com.poseops.platform.ui.LoginView;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
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

@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableMethodSecurity
class SecurityConfiguration {

    /** Actuator: health is public (load balancers, Docker HEALTHCHECK); the rest needs an ADMIN over HTTP Basic. */
    @Bean
    @Order(1)
    SecurityFilterChain actuatorSecurity(HttpSecurity http) throws Exception {
        return http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(EndpointRequest.to("health")).permitAll()
                        .anyRequest().hasRole(Role.ADMIN_NAME))
                .httpBasic(Customizer.withDefaults())
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain consoleSecurity(HttpSecurity http) throws Exception {
        // An address that is no route reaches Vaadin when signed in, which shows the console's not-found page (the
        // default would deny it with a bare 403); anonymous visitors still go to the sign-in page first.
        return http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class)
                .anyRequest(AuthorizeHttpRequestsConfigurer.AuthorizedUrl::authenticated)).build();
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
