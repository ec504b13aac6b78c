package com.poseops.platform.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * config.yml {@code Security.signIn}: how password guessing is slowed. After {@code *FreeFailures} failed sign-ins of
 * one user name (account) or one client address, each further attempt waits 1 s, 2 s, 4 s … (at most
 * {@code maxDelay}); after {@code *LockAfterFailures} it is locked for {@code lockDuration} (an ADMIN can lift it).
 */
@Validated
@ConfigurationProperties("security.sign-in")
public record SignInSettings(
        @NotNull @Min(1) @Max(100) @DefaultValue("3") Integer accountFreeFailures,
        @NotNull @Min(2) @Max(1000) @DefaultValue("10") Integer accountLockAfterFailures,
        @NotNull @Min(1) @Max(1000) @DefaultValue("10") Integer clientFreeFailures,
        @NotNull @Min(2) @Max(10000) @DefaultValue("50") Integer clientLockAfterFailures,
        @NotNull @DefaultValue("30s") Duration maxDelay,
        @NotNull @DefaultValue("15m") Duration lockDuration) {
}
