package com.poseops.monitoring;

import com.poseops.endpoints.EndpointException;
import com.poseops.inference.image.ImageHeader;
import com.poseops.platform.security.Authorization;
import com.poseops.platform.security.Role;
import com.poseops.pose.CapturedPredictions;
import com.poseops.pose.PoseImages;
import com.poseops.pose.PoseResult;
import com.poseops.pose.PoseResultParser;
import com.poseops.pose.PoseService;
import com.poseops.pose.SkeletonStyle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The captured requests for the Monitoring page: the newest ones with a thumbnail that has the keypoints drawn (the
 * Pose feature's drawing, one copy), read at most once per refresh interval however many pages are open. Opening one
 * shows it on the Pose page, which finds it through {@link CapturedPredictions}.
 */
public class CapturesService implements CapturedPredictions {

    private static final Logger log = LoggerFactory.getLogger(CapturesService.class);
    public static final int LIST_SIZE = 12;
    private static final int THUMBNAILS_KEPT = 200;

    private final CapturedRequests captures;
    private final Authorization authorization;
    private final Clock clock;
    private final Duration freshFor;
    private final boolean enabled;
    private final int samplingPercentage;
    private final Map<String, byte[]> thumbnails = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > THUMBNAILS_KEPT;
        }
    };
    private @Nullable List<CaptureSummary> recent;
    private Instant recentAt = Instant.MIN;

    public CapturesService(CapturedRequests captures, Authorization authorization, Clock clock, Duration freshFor,
            boolean enabled, int samplingPercentage) {
        this.captures = captures;
        this.authorization = authorization;
        this.clock = clock;
        this.freshFor = freshFor;
        this.enabled = enabled;
        this.samplingPercentage = samplingPercentage;
    }

    /** Why there may be none: "Capture is off" or the sampling, for the page. */
    public String describe() {
        return enabled ? "Capturing " + samplingPercentage + " % of requests (DataCapture.initialSamplingPercentage)"
                : "Capture is off (DataCapture.enableCapture is false)";
    }

    public long dropped() {
        return captures.dropped();
    }

    /**
     * The newest captures, newest first.
     *
     * @throws MetricsUnavailableException when they cannot be read (aws: S3)
     */
    public List<CaptureSummary> recent() {
        authorization.require(Role.VIEWER, "monitoring.captures", "captures");
        return refreshed();
    }

    /**
     * The same for a refresh pushed to an open page, whose viewer was checked when the page was opened (a push runs
     * without the person's security context).
     */
    public List<CaptureSummary> refreshed() {
        Instant now = clock.instant();
        synchronized (this) {
            if (recent != null && recentAt.plus(freshFor).isAfter(now)) {
                return recent;
            }
        }
        List<CaptureSummary> summaries = new ArrayList<>();
        for (CapturedRequest capture : captures.recent(LIST_SIZE)) {
            PoseResult result = prediction(capture.response());
            summaries.add(new CaptureSummary(capture.id(), capture.at(), capture.variant(),
                    result == null ? null : result.timingsMs().total(),
                    result == null ? null : (int) result.keypoints().stream()
                            .filter(k -> k.score() >= SkeletonStyle.DEFAULT_THRESHOLD).count()));
            synchronized (this) {
                if (!thumbnails.containsKey(capture.id())) {
                    byte[] thumbnail = thumbnail(capture, result);
                    if (thumbnail != null) {
                        thumbnails.put(capture.id(), thumbnail);
                    }
                }
            }
        }
        synchronized (this) {
            recent = List.copyOf(summaries);
            recentAt = now;
            return recent;
        }
    }

    /** The capture's thumbnail with the keypoints drawn, once {@link #recent()} has listed it. */
    public synchronized Optional<byte[]> thumbnail(String id) {
        return Optional.ofNullable(thumbnails.get(id));
    }

    @Override
    public Optional<CapturedPrediction> find(String id) {
        return captures.find(id).map(c -> new CapturedPrediction(c.id(), c.at(), c.variant(), c.requestContentType(),
                c.request(), c.response()));
    }

    private static @Nullable PoseResult prediction(byte[] response) {
        try {
            return PoseResultParser.parse(response);
        } catch (EndpointException e) {
            return null;
        }
    }

    private static byte @Nullable [] thumbnail(CapturedRequest capture, @Nullable PoseResult result) {
        try {
            int orientation = ImageHeader.read(capture.request(), capture.request().length,
                    PoseService.MAX_IMAGE_PIXELS).orientation();
            return result == null ? PoseImages.thumbnailJpeg(capture.request(), orientation)
                    : PoseImages.annotatedThumbnailJpeg(capture.request(), orientation, result.image(),
                            result.keypoints(), SkeletonStyle.DEFAULT_THRESHOLD);
        } catch (Exception e) {
            log.debug("No thumbnail for capture {}: {}", capture.id(), e.toString());
            return null;
        }
    }
}
