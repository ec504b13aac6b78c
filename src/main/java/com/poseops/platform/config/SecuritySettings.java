package com.poseops.platform.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import com.poseops.platform.security.UserNames;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * config.yml {@code Security}: the users besides the bootstrap admin. {@code adminPassword} comes from
 * {@code POSEOPS_ADMIN_PASSWORD} and is never written anywhere in clear.
 */
@Validated
@ConfigurationProperties("security")
public record SecuritySettings(@NotNull @DefaultValue List<@Valid User> users, @Nullable String adminPassword) {

    public record User(
            @NotBlank @Pattern(regexp = UserNames.PATTERN, message = UserNames.RULE) String username,
            @NotBlank @Pattern(regexp = "(\\{bcrypt\\})?\\$2[aby]?\\$\\d{2}\\$[./A-Za-z0-9]{53}",
                    message = "must be a BCrypt hash like {bcrypt}$2a$10$... (see README: Users)") String passwordHash,
            @NotEmpty Set<com.poseops.platform.security.Role> roles) {
    }
}
