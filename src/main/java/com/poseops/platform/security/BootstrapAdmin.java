package com.poseops.platform.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The {@code admin} account that exists on every installation. Its password is {@code POSEOPS_ADMIN_PASSWORD} when
 * set; otherwise one is generated at first start, printed once, and only its BCrypt hash is kept under the data
 * directory ({@code admin-password.bcrypt}).
 */
final class BootstrapAdmin {

    static final String USERNAME = "admin";
    static final String HASH_FILE = "admin-password.bcrypt";

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private BootstrapAdmin() {
    }

    /** The encoded password of {@code admin}. */
    static String passwordHash(@Nullable String configuredPassword, Path dataDirectory, PasswordEncoder encoder) {
        if (configuredPassword != null && !configuredPassword.isEmpty()) {
            return encoder.encode(configuredPassword);
        }
        Path hashFile = dataDirectory.resolve(HASH_FILE);
        try {
            if (Files.isRegularFile(hashFile)) {
                String stored = Files.readString(hashFile).trim();
                if (!stored.isEmpty()) {
                    return stored;
                }
            }
            String generated = generatePassword();
            String hash = encoder.encode(generated);
            Files.createDirectories(dataDirectory);
            Files.writeString(hashFile, hash + "\n");
            restrictToOwner(hashFile);
            // Printed on purpose, once: this is how the operator learns the first password.
            String banner = """

                    ==========================================================================
                     PoseOps first start: sign in as "admin" with password  %s
                     It is shown only this once; its hash is kept in %s.
                     Set POSEOPS_ADMIN_PASSWORD to choose the password instead.
                    ==========================================================================
                    """.formatted(generated, hashFile);
            System.out.println(banner);
            log.info("Generated the bootstrap admin password (see the console output of this first start)");
            return hash;
        } catch (IOException e) {
            throw new IllegalStateException("Could not read or write " + hashFile + " (" + e.getMessage()
                    + "). Make the data directory writable or set POSEOPS_ADMIN_PASSWORD.", e);
        }
    }

    private static String generatePassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    private static void restrictToOwner(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException e) {
            log.debug("Could not restrict permissions of {}", file, e);
        }
    }
}
