package com.poseops.platform.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The backup file format and the two directions: {@link #write} a zip of a data directory, {@link #restore} one into a
 * fresh data directory. The zip holds {@code MANIFEST} (format, time, one {@code sha256 path} line per file) and the
 * files under their paths relative to the data directory. Left out: what is rebuilt or only transient (the extracted
 * DynamoDB Local runtime, logs, temporary uploads, earlier backups, pid files, half-written {@code .part} files).
 */
public final class BackupArchive {

    static final String MANIFEST = "MANIFEST";
    static final String FORMAT = "poseops-backup 1";
    /** The database directory; its files are copied by the caller (consistently) and added as given. */
    static final String DATABASE_DIR = "dynamodb";
    static final Set<String> LEFT_OUT_DIRS = Set.of("runtime", "logs", "tmp", "backups", DATABASE_DIR);

    /** What a written backup holds. */
    public record Summary(Path file, int files, long bytes, Instant created) {
    }

    private BackupArchive() {
    }

    /**
     * Writes the backup of {@code dataDirectory} to {@code target} (via a {@code .part} file): the database files
     * from {@code databaseCopy} (a consistent copy of {@code dynamodb/}), everything else from the data directory.
     */
    static Summary write(Path dataDirectory, Path databaseCopy, Path target, Instant created) throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        try (Stream<Path> database = Files.list(databaseCopy)) {
            database.filter(Files::isRegularFile).sorted()
                    .forEach(file -> files.put(DATABASE_DIR + "/" + file.getFileName(), file));
        }
        collect(dataDirectory, files);
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        long bytes = 0;
        StringBuilder manifest = new StringBuilder(FORMAT).append('\n').append("created ").append(created).append('\n');
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(partial))) {
            for (Map.Entry<String, Path> entry : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                MessageDigest digest = sha256();
                try (InputStream in = new DigestInputStream(Files.newInputStream(entry.getValue()), digest)) {
                    bytes += in.transferTo(zip);
                }
                zip.closeEntry();
                manifest.append(HexFormat.of().formatHex(digest.digest())).append("  ").append(entry.getKey())
                        .append('\n');
            }
            zip.putNextEntry(new ZipEntry(MANIFEST));
            zip.write(manifest.toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Summary(target, files.size(), bytes, created);
    }

    /**
     * Restores {@code backup} into {@code dataDirectory}, which must be empty or not exist. Every file is checked
     * against the manifest's SHA-256; on any problem nothing is left behind.
     *
     * @return how many files were restored
     * @throws IOException with a message that says what is wrong (not a backup, damaged, target not empty)
     */
    public static int restore(Path backup, Path dataDirectory) throws IOException {
        if (Files.isDirectory(dataDirectory)) {
            try (Stream<Path> existing = Files.list(dataDirectory)) {
                if (existing.findAny().isPresent()) {
                    throw new IOException(dataDirectory + " is not empty. Restore into a new, empty data directory "
                            + "(then point POSEOPS_DATA_DIR at it), so that nothing there is overwritten.");
                }
            }
        }
        Map<String, String> expected = readManifest(backup);
        Path staging = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".restoring");
        deleteTree(staging);
        Files.createDirectories(staging);
        int restored = 0;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(backup))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                String name = entry.getName();
                if (entry.isDirectory() || name.equals(MANIFEST)) {
                    continue;
                }
                String sha = expected.remove(name);
                Path file = staging.resolve(name).normalize();
                if (sha == null || !file.startsWith(staging)) {
                    throw new IOException(backup + " holds " + name + ", which its manifest does not list; it is not "
                            + "a PoseOps backup, or it was altered.");
                }
                Files.createDirectories(file.getParent());
                MessageDigest digest = sha256();
                try (OutputStream out = Files.newOutputStream(file)) {
                    new DigestInputStream(zip, digest).transferTo(out);
                } catch (java.util.zip.ZipException e) {
                    throw new IOException(backup + " is damaged: " + name + " cannot be read (" + e.getMessage()
                            + "). Use another backup.", e);
                }
                if (!HexFormat.of().formatHex(digest.digest()).equals(sha)) {
                    throw new IOException(backup + " is damaged: " + name + " does not match its SHA-256. Use "
                            + "another backup.");
                }
                restored++;
            }
            if (!expected.isEmpty()) {
                throw new IOException(backup + " is incomplete: " + expected.keySet().iterator().next() + " and "
                        + (expected.size() - 1) + " more listed file(s) are missing. Use another backup.");
            }
            Files.createDirectories(dataDirectory.toAbsolutePath().getParent());
            Files.deleteIfExists(dataDirectory);
            Files.move(staging, dataDirectory, StandardCopyOption.ATOMIC_MOVE);
            return restored;
        } catch (IOException | RuntimeException e) {
            deleteTree(staging);
            throw e;
        }
    }

    /** The manifest, read through the zip's central directory (a damaged file entry does not hide it). */
    private static Map<String, String> readManifest(Path backup) throws IOException {
        try (ZipFile zip = new ZipFile(backup.toFile())) {
            ZipEntry entry = zip.getEntry(MANIFEST);
            if (entry != null) {
                String text;
                try (InputStream in = zip.getInputStream(entry)) {
                    text = new String(in.readNBytes(16 * 1024 * 1024), StandardCharsets.UTF_8);
                }
                List<String> lines = text.lines().toList();
                if (!lines.isEmpty() && lines.getFirst().equals(FORMAT)) {
                    Map<String, String> files = new LinkedHashMap<>();
                    for (String line : lines.subList(1, lines.size())) {
                        int gap = line.indexOf("  ");
                        if (gap == 64) {
                            files.put(line.substring(gap + 2), line.substring(0, gap));
                        }
                    }
                    return files;
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new IOException(backup + " is not a zip file or is damaged (" + e.getMessage() + "); it is not a "
                    + "usable PoseOps backup.");
        }
        throw new IOException(backup + " has no PoseOps backup manifest; it is not a PoseOps backup.");
    }

    /** Adds every file of the data directory but the left-out ones, under its relative path. */
    private static void collect(Path root, Map<String, Path> files) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                return !dir.equals(root) && dir.getParent().equals(root)
                        && LEFT_OUT_DIRS.contains(dir.getFileName().toString())
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                String name = file.getFileName().toString();
                if (attributes.isRegularFile() && !name.endsWith(".part") && !name.endsWith(".pid")) {
                    found.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        found.stream().sorted().forEach(file -> files.put(root.relativize(file).toString().replace('\\', '/'), file));
    }

    static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
