package com.poseops.registry;

import com.poseops.inference.ModelLoadException;
import com.poseops.inference.engine.ModelFile;
import com.poseops.platform.audit.AuditEntry;
import com.poseops.platform.audit.AuditEntry.Outcome;
import com.poseops.platform.audit.AuditLog;
import com.poseops.platform.config.EvaluationSettings;
import com.poseops.platform.security.Authorization;
import com.poseops.platform.security.CurrentUser;
import com.poseops.platform.security.Role;
import com.poseops.registry.DecisionLedger.AlreadyClaimedException;
import com.poseops.registry.DecisionLedger.DecisionRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The Models page's service: lists and describes versions, registers uploads (DEPLOYER) after checking they are
 * MoveNet models, evaluates each new version in the background, and records approve/reject decisions (APPROVER) so
 * that exactly one decision per version stands. Every registration, decision, evaluation and refusal is audited
 * with the version as target ({@code model:<group>/<n>}). A version that waits for approval and a decision that stands
 * are published as events ({@code platform.events}), with the metrics beside the serving version's.
 */
public class RegistryService implements AutoCloseable {

    public static final String REGISTER = "model.register";
    public static final String APPROVE = "model.approve";
    public static final String REJECT = "model.reject";
    public static final String EVALUATE = "model.evaluate";
    /** Who the audit log names for what the console does by itself. */
    public static final String SYSTEM_ACTOR = "poseops";
    public static final int MAX_DESCRIPTION = 1000;
    /** SageMaker keeps 1024 characters of "approved by <user>: <comment>". */
    public static final int MAX_COMMENT = 900;
    /** How old a claim on a still Pending version must be to count as cut off (a decision takes a second or two). */
    static final Duration INTERRUPTED_CLAIM_AGE = Duration.ofMinutes(2);

    private static final Logger log = LoggerFactory.getLogger(RegistryService.class);

    /** The numbers the page compares each version with: those of the model serving now. */
    public record Baseline(String label, @Nullable Integer version, Map<String, String> metrics) {
    }

    private final ModelRegistry registry;
    private final String group;
    private final DecisionLedger ledger;
    private final EvaluationStore evaluations;
    private final ModelEvaluator evaluator;
    private final EvaluationSettings evaluationSettings;
    private final ServingModel serving;
    private final Authorization authorization;
    private final AuditLog auditLog;
    private final Clock clock;
    private final RegistryEvents events;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("model-evaluation").daemon().factory());
    private final List<Consumer<EvaluationStatus>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<ModelVersion>> versionListeners = new CopyOnWriteArrayList<>();
    private final Set<String> servingEvaluationsStarted = ConcurrentHashMap.newKeySet();
    /** Evaluations queued or running in this process. */
    private final Set<String> runningHere = ConcurrentHashMap.newKeySet();

    public RegistryService(ModelRegistry registry, String group, DecisionLedger ledger, EvaluationStore evaluations,
            ModelEvaluator evaluator, EvaluationSettings evaluationSettings, ServingModel serving,
            Authorization authorization, AuditLog auditLog, Clock clock, ApplicationEventPublisher publisher) {
        this.registry = registry;
        this.group = group;
        this.ledger = ledger;
        this.evaluations = evaluations;
        this.evaluator = evaluator;
        this.evaluationSettings = evaluationSettings;
        this.serving = serving;
        this.authorization = authorization;
        this.auditLog = auditLog;
        this.clock = clock;
        this.events = new RegistryEvents(publisher, group, clock);
    }

    /** The audit target of a version: {@code model:<group>/<version>}. */
    public String target(int version) {
        return "model:" + group + "/" + version;
    }

    public String group() {
        return group;
    }

    public boolean evaluationEnabled() {
        return evaluationSettings.enabled();
    }

    // ---- reading (every signed-in role) ----

    /**
     * Versions newest first; see {@link ModelRegistry#list}. Pending versions whose decision was cut off are carried
     * out first (one ledger read per Pending version on the page).
     */
    public ModelVersionPage list(int pageSize, @Nullable String pageToken) {
        ModelVersionPage page = registry.list(pageSize, pageToken);
        return new ModelVersionPage(page.items().stream().map(this::completeInterruptedDecision).toList(),
                page.nextToken());
    }

    /** One version; a decision cut off by a crash is carried out first (see {@link #completeInterruptedDecision}). */
    public Optional<ModelVersion> describe(int version) {
        return registry.find(version).map(this::completeInterruptedDecision);
    }

    public Optional<EvaluationStatus> evaluation(int version) {
        return evaluations.find(target(version)).map(this::interruptedUnlessRunningHere);
    }

    /** A stored "running" evaluation this console is not running was cut off by a restart: say so. */
    private EvaluationStatus interruptedUnlessRunningHere(EvaluationStatus status) {
        if (!cutOff(status)) {
            return status;
        }
        return new EvaluationStatus(status.key(), EvaluationStatus.State.FAILED, status.done(), status.total(),
                "Interrupted: the console stopped during the evaluation. Register the model again to evaluate it.",
                status.startedAt(), null, Map.of(), List.of());
    }

    /** Stored as running, but not running in this process: a restart cut it off. */
    private boolean cutOff(EvaluationStatus status) {
        return status.state() == EvaluationStatus.State.RUNNING && !runningHere.contains(status.key());
    }

    /** This version's audit history, newest first. */
    public List<AuditEntry> history(int version) {
        return auditLog.history(target(version), 100);
    }

    /** How many versions {@link #waitingForDecision} looks through at most: a bounded read, never the whole registry. */
    static final int PENDING_SEARCH_LIMIT = 3 * ModelRegistry.MAX_PAGE_SIZE;

    /** Versions waiting for an approver, newest first: at most {@code limit} of them, and whether there are more. */
    public record PendingVersions(List<ModelVersion> versions, boolean more) {
    }

    /**
     * The newest Pending versions (at most {@code limit}), looking through the {@value #PENDING_SEARCH_LIMIT} newest
     * versions at most: new versions are Pending, so the ones waiting are near the top.
     */
    public PendingVersions waitingForDecision(int limit) {
        List<ModelVersion> pending = new java.util.ArrayList<>();
        boolean more = false;
        String token = null;
        int seen = 0;
        do {
            ModelVersionPage page = registry.list(ModelRegistry.MAX_PAGE_SIZE, token);
            for (ModelVersion listed : page.items()) {
                if (listed.status() != ApprovalStatus.PENDING) {
                    continue;
                }
                // The decision-ledger check only for the versions shown (and the one that tells "more").
                ModelVersion version = completeInterruptedDecision(listed);
                if (version.status() != ApprovalStatus.PENDING) {
                    continue;
                }
                if (pending.size() == limit) {
                    more = true;
                    break;
                }
                pending.add(version);
            }
            seen += page.items().size();
            token = page.nextToken();
        } while (token != null && !more && seen < PENDING_SEARCH_LIMIT);
        return new PendingVersions(List.copyOf(pending), more);
    }

    /** Who decided a version through PoseOps, and when. */
    public Optional<DecisionRecord> decisionRecord(int version) {
        return ledger.find(target(version));
    }

    // ---- registering (DEPLOYER) ----

    /**
     * Registers an uploaded model as the next version (Pending) and starts its evaluation.
     *
     * @param upload      the uploaded file (the caller deletes it afterwards; this method copies what it keeps)
     * @param fileName    the name the person uploaded it as
     * @param description what changed in this version
     * @throws org.springframework.security.access.AccessDeniedException unless the user is a DEPLOYER (audited)
     * @throws InvalidModelException    when the file is not a MoveNet SinglePose model (audited, with the reason)
     * @throws IllegalArgumentException when the description is missing or too long (audited)
     */
    public ModelVersion register(Path upload, String fileName, String description) {
        String groupTarget = "model:" + group;
        CurrentUser user = authorization.require(Role.DEPLOYER, REGISTER, groupTarget);
        String cleanName = Text.singleLine(fileName == null ? "" : fileName, 200);
        String text = Text.clean(description == null ? "" : description);
        ModelUploadCheck.ModelSummary summary;
        try {
            if (text.isBlank()) {
                throw new IllegalArgumentException("Describe what changed in this version (the description is required).");
            }
            if (text.length() > MAX_DESCRIPTION) {
                throw new IllegalArgumentException("The description has " + text.length() + " characters; at most "
                        + MAX_DESCRIPTION + " are kept. Shorten it.");
            }
            summary = ModelUploadCheck.check(upload, cleanName.isBlank() ? "the upload" : cleanName);
        } catch (IllegalArgumentException | InvalidModelException e) {
            auditLog.record(user.username(), REGISTER, groupTarget, Outcome.FAILURE, e.getMessage());
            throw e;
        }
        Path evaluationCopy = evaluationEnabled() ? copyForEvaluation(upload) : null;
        ModelVersion version;
        try {
            version = registry.register(new NewModelVersion(upload, text, user.username(), Map.of()));
        } catch (RuntimeException e) {
            deleteQuietly(evaluationCopy);
            auditLog.record(user.username(), REGISTER, groupTarget, Outcome.FAILURE,
                    "registry refused " + cleanName + ": " + e.getMessage());
            throw e;
        }
        auditLog.record(user.username(), REGISTER, target(version.version()), Outcome.SUCCESS,
                cleanName + " (" + summary.sizeBytes() + " bytes, input " + summary.inputSize() + "x"
                        + summary.inputSize() + " " + summary.inputType() + ", sha256 " + summary.sha256() + "): "
                        + text);
        versionChanged(version);
        if (evaluationCopy != null) {
            startEvaluation(target(version.version()), version.version(), evaluationCopy, true);
        } else {
            events.awaitingApproval(version, "evaluation is off (Evaluation.imagesDir is empty)", this::servingBaseline);
        }
        return version;
    }

    // ---- deciding (APPROVER) ----

    /**
     * Approves or rejects a pending version. Of two approvers deciding at once, exactly one decision stands (a
     * conditional write on the decision record comes first); the other gets {@link VersionAlreadyDecidedException}
     * naming who decided and when, and nothing is overwritten.
     *
     * @throws org.springframework.security.access.AccessDeniedException unless the user is an APPROVER (audited)
     * @throws IllegalArgumentException      when the comment is missing or too long (audited)
     * @throws ModelVersionNotFoundException when there is no such version (audited)
     * @throws VersionAlreadyDecidedException when it was decided before (audited)
     */
    public ModelVersion decide(int version, ApprovalStatus outcome, String comment) {
        Objects.requireNonNull(outcome, "outcome");
        String action = action(outcome);
        String target = target(version);
        CurrentUser user = authorization.require(Role.APPROVER, action, target);
        String text = Text.clean(comment == null ? "" : comment);
        try {
            if (!outcome.isDecided()) {
                throw new IllegalArgumentException("A decision approves or rejects a version.");
            }
            if (text.isBlank()) {
                throw new IllegalArgumentException("A comment is required: say why you "
                        + (outcome == ApprovalStatus.APPROVED ? "approve" : "reject") + " version " + version + ".");
            }
            if (text.length() > MAX_COMMENT) {
                throw new IllegalArgumentException("The comment has " + text.length() + " characters; at most "
                        + MAX_COMMENT + " fit into the registry. Shorten it.");
            }
            ModelVersion current = completeInterruptedDecision(registry.find(version)
                    .orElseThrow(() -> new ModelVersionNotFoundException(version, "the registry " + group)));
            if (current.status().isDecided()) {
                throw alreadyDecided(version, current.status(), current.approvalDescription());
            }
        } catch (IllegalArgumentException | ModelVersionNotFoundException | VersionAlreadyDecidedException e) {
            auditLog.record(user.username(), action, target, Outcome.FAILURE, text + " — refused: " + e.getMessage());
            throw e;
        }
        DecisionRecord claim = new DecisionRecord(target, outcome, user.username(), clock.instant(), text);
        try {
            ledger.claim(claim);
        } catch (AlreadyClaimedException lost) {
            DecisionRecord standing = lost.existing();
            VersionAlreadyDecidedException e = new VersionAlreadyDecidedException(version, standing.outcome(),
                    standing.decidedBy(), standing.decidedAt(), null);
            auditLog.record(user.username(), action, target, Outcome.FAILURE, text + " — refused: " + e.getMessage());
            throw e;
        }
        ModelVersion decided;
        try {
            decided = registry.decide(version, new Decision(outcome, user.username(), text));
        } catch (RuntimeException e) {
            ledger.release(claim); // the registry did not take it: leave the version decidable
            auditLog.record(user.username(), action, target, Outcome.FAILURE, text + " — failed: " + e.getMessage());
            throw e;
        }
        auditLog.record(user.username(), action, target, Outcome.SUCCESS, text);
        events.decided(decided, new Decision(outcome, user.username(), text), this::servingBaseline);
        versionChanged(decided);
        return decided;
    }

    /**
     * A claim is written before the registry is changed (decision 0020). A version still Pending well after its claim
     * was cut off in between — the console stopped — so the claimant's decision is carried out now, as they made it,
     * and audited as such. A younger claim may still be on its way (another console, SageMaker retries): left alone.
     */
    private ModelVersion completeInterruptedDecision(ModelVersion current) {
        if (current.status().isDecided()) {
            return current;
        }
        String target = target(current.version());
        Optional<DecisionRecord> claim = ledger.find(target);
        if (claim.isEmpty() || claim.get().decidedAt().isAfter(clock.instant().minus(INTERRUPTED_CLAIM_AGE))) {
            return current;
        }
        DecisionRecord record = claim.get();
        String action = action(record.outcome());
        try {
            ModelVersion decided = registry.decide(current.version(),
                    new Decision(record.outcome(), record.decidedBy(), record.comment()));
            log.warn("Carried out the decision on {} that {} claimed at {} but that was cut off before the registry "
                    + "took it", target, record.decidedBy(), record.decidedAt());
            auditLog.record(record.decidedBy(), action, target, Outcome.SUCCESS, record.comment()
                    + " — carried out by PoseOps: the decision claimed at " + record.decidedAt()
                    + " had been cut off before the registry took it");
            events.decided(decided, new Decision(record.outcome(), record.decidedBy(), record.comment()),
                    this::servingBaseline);
            versionChanged(decided);
            return decided;
        } catch (RuntimeException e) {
            // Another console may have just carried it out; otherwise the next look tries again.
            log.warn("Could not carry out the interrupted decision on {}: {}", target, e.getMessage());
            return registry.find(current.version()).orElse(current);
        }
    }

    /** The audit action of a decision. */
    private static String action(ApprovalStatus outcome) {
        return outcome == ApprovalStatus.REJECTED ? REJECT : APPROVE;
    }

    private VersionAlreadyDecidedException alreadyDecided(int version, ApprovalStatus status,
            @Nullable String approvalDescription) {
        return ledger.find(target(version))
                .map(record -> new VersionAlreadyDecidedException(version, record.outcome(), record.decidedBy(),
                        record.decidedAt(), approvalDescription))
                .orElseGet(() -> new VersionAlreadyDecidedException(version, status, approvalDescription));
    }

    // ---- evaluation ----

    /**
     * Calls {@code listener} with a version each time one is registered, decided or gets its metrics (on the thread
     * that changed it); run the result to stop. Pages use it to show changes as they happen.
     */
    public Runnable onVersionChange(Consumer<ModelVersion> listener) {
        versionListeners.add(listener);
        return () -> versionListeners.remove(listener);
    }

    private void versionChanged(ModelVersion version) {
        for (Consumer<ModelVersion> listener : versionListeners) {
            try {
                listener.accept(version);
            } catch (RuntimeException e) {
                log.debug("A version listener failed: {}", e.getMessage());
            }
        }
    }

    /** Calls {@code listener} (on the evaluation thread) with every progress update; run the result to stop. */
    public Runnable onEvaluationProgress(Consumer<EvaluationStatus> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * The metrics of the model serving now: those of the registered version it was made from, else (local mode, a
     * model file that was never registered) its own evaluation, started in the background on first request.
     */
    public Optional<Baseline> servingBaseline() {
        return servingBaseline(List.of());
    }

    /**
     * {@link #servingBaseline()}, looking first among {@code listed} (versions the caller has just listed, newest
     * first) for the one serving, and listing the registry again only when it is not among them.
     */
    public Optional<Baseline> servingBaseline(List<ModelVersion> listed) {
        Optional<ServingModel.Served> current = serving.current();
        if (current.isEmpty()) {
            return Optional.empty();
        }
        ServingModel.Served served = current.get();
        Optional<Baseline> registered = registeredBaseline(served, listed);
        if (registered.isEmpty()) {
            registered = registeredBaseline(served, registry.list(ModelRegistry.MAX_PAGE_SIZE, null).items());
        }
        if (registered.isPresent()) {
            return registered;
        }
        if (served.localFile() == null || served.sha256() == null || !evaluationEnabled()) {
            return Optional.empty();
        }
        String key = "serving:" + served.sha256();
        Optional<EvaluationStatus> known = evaluations.find(key);
        if (known.isPresent() && known.get().state() == EvaluationStatus.State.DONE) {
            return Optional.of(new Baseline(ModelFile.displayName(served.localFile()) + " (" + served.label() + ")",
                    null, known.get().metrics()));
        }
        if ((known.isEmpty() || cutOff(known.get())) && servingEvaluationsStarted.add(key)) {
            startEvaluation(key, null, served.localFile(), false);
        }
        return Optional.empty();
    }

    /**
     * The first of {@code versions} with metrics that the serving model was deployed from: the version the endpoint's
     * configuration names, or the one whose artifact it was made from. Never by the model's hash alone: a file that
     * merely has the same bytes as a Pending version (local mode's first model) is not that version serving.
     */
    private static Optional<Baseline> registeredBaseline(ServingModel.Served served, List<ModelVersion> versions) {
        for (ModelVersion version : versions) {
            boolean same = served.version() != null ? served.version() == version.version()
                    : served.artifactUri() != null && (served.artifactUri().equals(version.artifactUri())
                    || served.artifactUri().equals(version.id()));
            if (same && !version.metrics().isEmpty()) {
                return Optional.of(new Baseline("version " + version.version() + " (" + served.label() + ")",
                        version.version(), version.metrics()));
            }
        }
        return Optional.empty();
    }

    private void startEvaluation(String key, @Nullable Integer version, Path modelFile, boolean deleteAfter) {
        Instant started = clock.instant();
        int total = evaluationSettings.images().size();
        runningHere.add(key);
        publish(new EvaluationStatus(key, EvaluationStatus.State.RUNNING, 0, total, null, started, null, Map.of(),
                List.of()));
        executor.execute(() -> {
            try {
                EvaluationSet set = EvaluationSet.load(evaluationSettings);
                EvaluationReport report = evaluator.evaluate(modelFile, set, (done, all) -> {
                    if (done < all) {
                        publish(new EvaluationStatus(key, EvaluationStatus.State.RUNNING, done, all, null, started,
                                null, Map.of(), List.of()));
                    }
                });
                Map<String, String> metrics = report.headlineMetrics();
                ModelVersion measured = version == null ? null : registry.updateMetrics(version, metrics);
                publish(new EvaluationStatus(key, EvaluationStatus.State.DONE, total, total, null, started,
                        clock.instant(), metrics, report.images()));
                if (measured != null) {
                    auditLog.record(SYSTEM_ACTOR, EVALUATE, key, Outcome.SUCCESS, summary(metrics));
                    announceWaiting(version, null);
                    versionChanged(measured);
                }
            } catch (ModelLoadException | RuntimeException e) {
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                log.warn("Evaluation of {} failed: {}", key, reason);
                publish(new EvaluationStatus(key, EvaluationStatus.State.FAILED, 0, total, reason, started,
                        clock.instant(), Map.of(), List.of()));
                if (version != null) {
                    auditLog.record(SYSTEM_ACTOR, EVALUATE, key, Outcome.FAILURE, reason);
                    announceWaiting(version, "the evaluation failed: " + reason);
                }
            } finally {
                runningHere.remove(key);
                if (deleteAfter) {
                    deleteQuietly(modelFile);
                }
            }
        });
    }

    /** Tells whoever listens that an evaluated version waits for a decision (unless someone was quicker). */
    private void announceWaiting(int version, @Nullable String problem) {
        try {
            registry.find(version).filter(found -> !found.status().isDecided())
                    .ifPresent(found -> events.awaitingApproval(found, problem, this::servingBaseline));
        } catch (RuntimeException e) {
            log.warn("Could not announce that version {} waits for approval: {}", version, e.getMessage());
        }
    }

    private void publish(EvaluationStatus status) {
        try {
            evaluations.save(status);
        } catch (RuntimeException e) {
            log.warn("Could not store the evaluation status of {}: {}", status.key(), e.getMessage());
        }
        for (Consumer<EvaluationStatus> listener : listeners) {
            try {
                listener.accept(status);
            } catch (RuntimeException e) {
                log.debug("An evaluation listener failed: {}", e.getMessage());
            }
        }
    }

    private static String summary(Map<String, String> metrics) {
        StringBuilder text = new StringBuilder();
        for (EvaluationReport.MetricInfo info : EvaluationReport.METRICS) {
            String value = metrics.get(info.name());
            if (value != null) {
                text.append(text.isEmpty() ? "" : ", ").append(info.label()).append(' ').append(value);
            }
        }
        return text.toString();
    }

    private static Path copyForEvaluation(Path upload) {
        try {
            Path copy = Files.createTempFile("poseops-evaluate-", ".tflite");
            Files.copy(upload, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not keep a copy of the model for its evaluation: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(@Nullable Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", file, e.getMessage());
        }
    }

    /** Waits briefly for a running evaluation, then stops the evaluation thread. */
    @Override
    public void close() {
        events.close();
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Free text from people, made safe to keep and show: no control characters, surrounding space trimmed. */
    static final class Text {
        private Text() {
        }

        static String clean(String text) {
            StringBuilder out = new StringBuilder(text.length());
            text.codePoints().forEach(cp -> {
                if (cp == '\n' || cp == '\t') {
                    out.append(cp == '\n' ? '\n' : ' ');
                } else if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT
                        && cp != 0x200D) {
                    out.append(' ');
                } else {
                    out.appendCodePoint(cp);
                }
            });
            return out.toString().strip();
        }

        static String singleLine(String text, int max) {
            String line = clean(text).replaceAll("\\s+", " ");
            return line.length() > max ? line.substring(0, max) : line;
        }
    }
}
