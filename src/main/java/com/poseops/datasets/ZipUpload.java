package com.poseops.datasets;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Unpacks an uploaded zip with bounds: at most {@code maxEntries} files and {@code maxBytes} unpacked (counted while
 * reading, not trusted from the headers, so a zip bomb stops early), no entry outside the target folder. Folders,
 * hidden files and macOS resource forks are skipped.
 */
final class ZipUpload {

    private ZipUpload() {
    }

    /** @throws InvalidDatasetException when the zip is broken or over a bound, saying which */
    static void extract(Path zip, Path target, int maxEntries, long maxBytes) {
        Path root = target.toAbsolutePath().normalize();
        int entries = 0;
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry entry;
            boolean any = false;
            while ((entry = in.getNextEntry()) != null) {
                any = true;
                String name = entry.getName().replace('\\', '/');
                if (entry.isDirectory() || skipped(name)) {
                    continue;
                }
                if (++entries > maxEntries) {
                    throw new InvalidDatasetException("The zip holds more than " + maxEntries + " files; a dataset may "
                            + "have at most " + (maxEntries - 1) + " images and one label file.");
                }
                Path file = root.resolve(name).normalize();
                if (!file.startsWith(root) || file.equals(root)) {
                    throw new InvalidDatasetException("The zip entry " + name + " points outside the zip's folder.");
                }
                Files.createDirectories(file.getParent());
                try (OutputStream out = Files.newOutputStream(file)) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        total += n;
                        if (total > maxBytes) {
                            throw new InvalidDatasetException("The zip unpacks to more than " + maxBytes / (1024 * 1024)
                                    + " MB; split the set or use smaller images.");
                        }
                        out.write(buffer, 0, n);
                    }
                }
            }
            if (!any) {
                throw new InvalidDatasetException("The file is not a zip archive (or an empty one). Upload a .zip of "
                        + "images and a truth CSV or COCO JSON.");
            }
        } catch (ZipException e) {
            throw new InvalidDatasetException("The zip cannot be read (" + e.getMessage() + "); it is damaged or not a "
                    + "zip. Create it again and upload it.");
        } catch (IOException e) {
            throw new InvalidDatasetException("The zip cannot be unpacked: " + e.getMessage());
        }
    }

    private static boolean skipped(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String base = lower.substring(lower.lastIndexOf('/') + 1);
        return lower.startsWith("__macosx/") || lower.contains("/__macosx/") || base.startsWith(".")
                || base.equals("thumbs.db") || base.equals("desktop.ini");
    }
}
