package com.poseops.platform.persistence.local;

import com.poseops.platform.persistence.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * DynamoDB Local's jars and native library, unpacked from the console's jar into {@code <dataDir>/runtime/<version>}
 * and verified by SHA-256 at every start: a {@code SHA256SUMS} file records the hash of each file as it was
 * extracted, and a file that is missing or whose hash differs (damaged on disk, even at the same size) is extracted
 * again. The launcher class is written afresh every time (it is small).
 */
final class RuntimeLibraries {

    static final String RESOURCE_DIR = "dynamodb-local";
    static final String MANIFEST = "SHA256SUMS";
    private static final Logger log = LoggerFactory.getLogger(RuntimeLibraries.class);

    private RuntimeLibraries() {
    }

    /** Unpacks (or verifies) the jars; returns their directory. */
    static Path unpack(Path runtimeDirectory) throws IOException {
        Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath*:" + RESOURCE_DIR + "/*");
        if (resources.length == 0) {
            throw new IOException("the DynamoDB Local jars are missing from the build (expected classpath:"
                    + RESOURCE_DIR + "/); rebuild with ./mvnw package");
        }
        String version = List.of(resources).stream().map(Resource::getFilename)
                .filter(name -> name != null && name.startsWith("DynamoDBLocal-"))
                .findFirst().orElse("DynamoDBLocal-unknown.jar").replace(".jar", "");
        Path target = Files.createDirectories(runtimeDirectory.resolve(version));
        Path manifest = target.resolve(MANIFEST);
        Map<String, String> recorded = readManifest(manifest);
        Map<String, String> verified = new TreeMap<>();
        for (Resource resource : resources) {
            String name = resource.getFilename();
            if (name == null || name.isEmpty() || name.equals(MANIFEST)) {
                continue;
            }
            Path file = target.resolve(name);
            String expected = recorded.get(name);
            if (expected != null && Files.isRegularFile(file) && expected.equals(sha256(file))) {
                verified.put(name, expected);
                continue;
            }
            if (expected != null || Files.exists(file)) {
                log.warn("{} is missing or damaged (its SHA-256 differs from the one recorded when it was "
                        + "extracted); extracting it again", file);
            }
            verified.put(name, extract(resource, file));
        }
        if (!verified.equals(recorded)) {
            StringBuilder lines = new StringBuilder();
            verified.forEach((name, sha) -> lines.append(sha).append("  ").append(name).append('\n'));
            AtomicFiles.write(manifest, new java.io.ByteArrayInputStream(lines.toString()
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return target;
    }

    /**
     * Copies {@link DynamoDbLocalLauncher}'s class file (from the console's own class path, also inside the Boot jar)
     * into {@code directory}, so that the child can run it without the rest of the console on its class path.
     */
    static Path unpackLauncher(Path directory) throws IOException {
        String resource = DynamoDbLocalLauncher.class.getName().replace('.', '/') + ".class";
        Path file = directory.resolve(resource);
        Files.createDirectories(file.getParent());
        try (InputStream in = DynamoDbLocalLauncher.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("the class file " + resource + " is missing from the build; rebuild with "
                        + "./mvnw package");
            }
            AtomicFiles.write(file, in);
        }
        return directory;
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Writes the resource to {@code file} (atomically) and returns the SHA-256 of what was written. */
    private static String extract(Resource resource, Path file) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream in = new DigestInputStream(resource.getInputStream(), digest)) {
            AtomicFiles.write(file, in);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static Map<String, String> readManifest(Path manifest) {
        Map<String, String> entries = new TreeMap<>();
        try {
            if (!Files.isRegularFile(manifest)) {
                return entries;
            }
            for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
                int gap = line.indexOf("  ");
                if (gap == 64) {
                    entries.put(line.substring(gap + 2), line.substring(0, gap));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            log.warn("Cannot read {} ({}); every runtime file is extracted again", manifest, e.toString());
            entries.clear();
        }
        return entries;
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
