package com.poseops.datasets;

import com.poseops.inference.labels.LabelFormatException;
import com.poseops.inference.labels.LabelledFolder;
import com.poseops.inference.labels.LabelledPose;
import com.poseops.platform.audit.AuditEntry.Outcome;
import com.poseops.platform.audit.AuditLog;
import com.poseops.platform.security.Authorization;
import com.poseops.platform.security.CurrentUser;
import com.poseops.platform.security.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Datasets page's service, and how other features read labelled sets. Uploads (a zip) and registrations (a folder
 * in local mode, an S3 prefix in aws mode) need a DEPLOYER, are checked completely before anything is kept, and are
 * audited with the set as target ({@code dataset:<id>}), refusals included. Reading needs no role beyond signing in.
 */
public class DatasetService {

    public static final String UPLOAD = "dataset.upload";
    public static final String REGISTER = "dataset.register";
    /** The largest zip accepted (also the upload component's limit). */
    public static final long MAX_ZIP_BYTES = 200L * 1024 * 1024;
    /** The most a zip or a registered set may unpack to. */
    public static final long MAX_SET_BYTES = 400L * 1024 * 1024;
    public static final int MAX_IMAGES = DatasetCatalog.MAX_IMAGES;
    public static final int MAX_NAME = 100;

    private static final Logger log = LoggerFactory.getLogger(DatasetService.class);

    private final DatasetCatalog catalog;
    private final DatasetFiles files;
    private final Authorization authorization;
    private final AuditLog auditLog;
    private final Clock clock;
    /** aws mode: sets downloaded once per console run (a set's files do not change once registered). */
    private final Map<String, Path> materialised = new ConcurrentHashMap<>();

    public DatasetService(DatasetCatalog catalog, DatasetFiles files, Authorization authorization, AuditLog auditLog,
            Clock clock) {
        this.catalog = catalog;
        this.files = files;
        this.authorization = authorization;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** Whether sets are registered from S3 prefixes (aws mode) rather than folders (local mode). */
    public boolean registersS3Prefixes() {
        return files.registrationExample().startsWith("s3://");
    }

    public String registrationExample() {
        return files.registrationExample();
    }

    public List<Dataset> list() {
        return catalog.list();
    }

    public Optional<Dataset> find(String id) {
        return catalog.find(id);
    }

    /**
     * Checks and keeps an uploaded zip of images plus a truth CSV or COCO JSON as a new dataset.
     *
     * @param zip      the uploaded file (the caller deletes it afterwards)
     * @param fileName the name it was uploaded as
     * @param name     what to call the set; blank = the file name without {@code .zip}
     * @throws org.springframework.security.access.AccessDeniedException unless a DEPLOYER (audited)
     * @throws InvalidDatasetException listing what is wrong with the zip (audited); nothing is kept
     */
    public Dataset upload(Path zip, String fileName, String name) {
        String id = newId();
        String target = Dataset.target(id);
        CurrentUser user = authorization.require(Role.DEPLOYER, UPLOAD, target);
        String cleanName = cleanName(name, fileName);
        Path scratch = null;
        try {
            if (Files.size(zip) > MAX_ZIP_BYTES) {
                throw new InvalidDatasetException("The zip is larger than " + MAX_ZIP_BYTES / (1024 * 1024) + " MB.");
            }
            scratch = Files.createTempDirectory("poseops-dataset-");
            ZipUpload.extract(zip, scratch, MAX_IMAGES + 1, MAX_SET_BYTES);
            DatasetValidator.Checked checked = DatasetValidator.check(scratch, MAX_IMAGES);
            String location = files.store(id, List.copyOf(DatasetValidator.files(checked).values()));
            Dataset dataset = new Dataset(id, cleanName, Dataset.Source.UPLOADED, location,
                    checked.folder().labelFile().getFileName().toString(), checked.images(), clock.instant(),
                    user.username());
            catalog.save(dataset);
            auditLog.record(user.username(), UPLOAD, target, Outcome.SUCCESS, summary(dataset, fileName));
            return dataset;
        } catch (InvalidDatasetException e) {
            auditLog.record(user.username(), UPLOAD, target, Outcome.FAILURE, fileName + " refused: " + e.getMessage());
            throw e;
        } catch (IOException e) {
            auditLog.record(user.username(), UPLOAD, target, Outcome.FAILURE, fileName + ": " + e.getMessage());
            throw new UncheckedIOException("Could not keep the upload: " + e.getMessage(), e);
        } finally {
            deleteTree(scratch);
        }
    }

    /**
     * Registers labelled images where they are: a folder on the console's machine (local mode) or an S3 prefix (aws
     * mode). Checked like an upload; nothing is copied.
     *
     * @throws org.springframework.security.access.AccessDeniedException unless a DEPLOYER (audited)
     * @throws InvalidDatasetException / IllegalArgumentException saying what is wrong (audited)
     */
    public Dataset register(String location, String name) {
        String id = newId();
        String target = Dataset.target(id);
        CurrentUser user = authorization.require(Role.DEPLOYER, REGISTER, target);
        String given = location == null ? "" : location.strip();
        try {
            String normalised = files.normalise(given);
            Path folder = materialise(id, normalised);
            DatasetValidator.Checked checked = DatasetValidator.check(folder, MAX_IMAGES);
            Path labelFile = checked.folder().labelFile();
            Dataset dataset = new Dataset(id, cleanName(name, lastSegment(normalised)),
                    normalised.startsWith("s3://") ? Dataset.Source.S3_PREFIX : Dataset.Source.FOLDER, normalised,
                    folder.relativize(labelFile).toString(), checked.images(), clock.instant(), user.username());
            catalog.save(dataset);
            auditLog.record(user.username(), REGISTER, target, Outcome.SUCCESS, summary(dataset, normalised));
            return dataset;
        } catch (IllegalArgumentException e) {
            materialised.remove(id);
            auditLog.record(user.username(), REGISTER, target, Outcome.FAILURE, given + " refused: " + e.getMessage());
            throw e;
        }
    }

    /**
     * The labelled images of a set, read when needed.
     *
     * @throws IllegalArgumentException when the set is unknown or its files can no longer be read
     */
    public LabelledImages labelledImages(String id) {
        Dataset dataset = catalog.find(id).orElseThrow(() -> new IllegalArgumentException("There is no dataset " + id
                + "; it may have been removed. Choose another one."));
        LabelledFolder folder = folder(dataset);
        List<LabelledImages.Item> items = new ArrayList<>();
        for (LabelledFolder.Entry entry : folder.labelled()) {
            Path file = entry.image();
            items.add(new LabelledImages.Item(entry.pose().image(), entry.pose(), () -> readFile(dataset, file)));
        }
        return new LabelledImages("dataset " + dataset.name() + " (" + items.size() + " labelled images)", items);
    }

    /** The truth of each labelled image of a set, by image name. */
    public Map<String, LabelledPose> labels(String id) {
        Map<String, LabelledPose> labels = new HashMap<>();
        labelledImages(id).items().forEach(item -> labels.put(item.name(), item.truth()));
        return labels;
    }

    /** One image's bytes, for the browser. */
    public byte[] image(String id, String imageName) {
        Dataset dataset = catalog.find(id).orElseThrow(() -> new IllegalArgumentException("There is no dataset " + id));
        if (dataset.images().stream().noneMatch(image -> image.name().equals(imageName))) {
            throw new IllegalArgumentException(imageName + " is not an image of dataset " + dataset.name());
        }
        return readFile(dataset, folder(dataset).directory().resolve(imageName));
    }

    /**
     * Images of {@code first} whose content also appears in {@code second} (compared by SHA-256), by name in
     * {@code first}; empty when either set is unknown.
     */
    public List<String> overlap(String first, String second) {
        Optional<Dataset> a = catalog.find(first);
        Optional<Dataset> b = catalog.find(second);
        if (a.isEmpty() || b.isEmpty()) {
            return List.of();
        }
        Set<String> hashes = new java.util.HashSet<>();
        b.get().images().forEach(image -> hashes.add(image.sha256()));
        return a.get().images().stream().filter(image -> hashes.contains(image.sha256())).map(Dataset.Image::name)
                .toList();
    }

    /** The content hashes of a set's labelled images (for overlap checks against a model's training images). */
    public Set<String> labelledHashes(String id) {
        Set<String> hashes = new LinkedHashSet<>();
        catalog.find(id).ifPresent(d -> d.images().stream().filter(Dataset.Image::labelled)
                .forEach(image -> hashes.add(image.sha256())));
        return hashes;
    }

    // ---- files ----

    private LabelledFolder folder(Dataset dataset) {
        Path root = materialise(dataset.id(), dataset.location());
        try {
            return LabelledFolder.read(root, null, MAX_IMAGES);
        } catch (LabelFormatException e) {
            throw new IllegalArgumentException("Dataset " + dataset.name() + " can no longer be read at "
                    + dataset.location() + ": " + e.getMessage(), e);
        }
    }

    private Path materialise(String id, String location) {
        if (!location.startsWith("s3://")) {
            return files.materialise(location, Path.of(location), MAX_IMAGES + 1, MAX_SET_BYTES);
        }
        return materialised.computeIfAbsent(id, key -> {
            try {
                Path scratch = Files.createTempDirectory("poseops-dataset-" + key + "-");
                scratch.toFile().deleteOnExit();
                return files.materialise(location, scratch, MAX_IMAGES + 1, MAX_SET_BYTES);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static byte[] readFile(Dataset dataset, Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read " + file.getFileName() + " of dataset " + dataset.name()
                    + ": " + e.getMessage(), e);
        }
    }

    // ---- helpers ----

    private static String summary(Dataset dataset, String from) {
        return dataset.name() + ": " + dataset.images().size() + " images, " + dataset.labelledCount()
                + " labelled (" + dataset.labelFile() + "), from " + from;
    }

    private static String newId() {
        byte[] random = new byte[6];
        new java.security.SecureRandom().nextBytes(random);
        return "ds-" + HexFormat.of().formatHex(random);
    }

    static String cleanName(String name, String fallback) {
        String chosen = name == null || name.isBlank() ? fallback : name;
        String clean = chosen.replaceAll("\\p{Cntrl}", " ").replaceAll("\\s+", " ").strip();
        if (clean.toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) {
            clean = clean.substring(0, clean.length() - 4);
        }
        if (clean.isBlank()) {
            clean = "dataset";
        }
        return clean.length() > MAX_NAME ? clean.substring(0, MAX_NAME) : clean;
    }

    private static String lastSegment(String location) {
        String trimmed = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    private static void deleteTree(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", root, e.getMessage());
        }
    }
}
