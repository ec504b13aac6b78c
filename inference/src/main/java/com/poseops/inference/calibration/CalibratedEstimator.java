package com.poseops.inference.calibration;

import com.poseops.inference.ImageRejectedException;
import com.poseops.inference.Keypoint;
import com.poseops.inference.ModelInfo;
import com.poseops.inference.ModelLoadException;
import com.poseops.inference.PoseEstimator;
import com.poseops.inference.PosePrediction;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A post-processing step around any {@link PoseEstimator}: each keypoint's score becomes the calibrated probability
 * that it is correct, the model's own score stays as {@code rawScore}. Positions are untouched. The inference server
 * and the console's evaluation wrap their engine in it when a {@value CalibrationFile#FILE_NAME} lies next to the
 * model, so both see what a calibrated endpoint answers.
 */
public final class CalibratedEstimator implements PoseEstimator {

    private final PoseEstimator delegate;
    private final KeypointCalibration calibration;
    private final ModelInfo model;

    public CalibratedEstimator(PoseEstimator delegate, KeypointCalibration calibration, String calibrationSha256) {
        this.delegate = delegate;
        this.calibration = calibration;
        this.model = delegate.model().withCalibration(calibrationSha256);
    }

    /**
     * {@code estimator} calibrated by the {@value CalibrationFile#FILE_NAME} next to {@code modelFile}, or
     * {@code estimator} itself when there is none.
     *
     * @throws ModelLoadException when the file is there but unreadable or not a calibration (closes the estimator)
     */
    public static PoseEstimator besideModel(PoseEstimator estimator, Path modelFile) throws ModelLoadException {
        Path file = CalibrationFile.besideModel(modelFile);
        if (file == null) {
            return estimator;
        }
        try {
            byte[] content = Files.readAllBytes(file);
            CalibrationFile parsed = CalibrationFile.parse(content, file.toString());
            return new CalibratedEstimator(estimator, parsed.calibration(), CalibrationFile.sha256(content));
        } catch (IOException e) {
            estimator.close();
            throw new ModelLoadException("The calibration next to the model cannot be used: " + e.getMessage()
                    + ". Remove or replace " + file + ".", e);
        }
    }

    /** The prediction with calibrated scores (their mean becomes the score); positions and timings unchanged. */
    public PosePrediction calibrate(PosePrediction raw) {
        List<Keypoint> calibrated = new ArrayList<>(raw.keypoints().size());
        double sum = 0;
        for (int k = 0; k < raw.keypoints().size(); k++) {
            Keypoint keypoint = raw.keypoints().get(k);
            Keypoint scored = keypoint.withCalibratedScore(calibration.apply(k, keypoint.rawScore()));
            calibrated.add(scored);
            sum += scored.score();
        }
        return new PosePrediction(model, raw.imageWidth(), raw.imageHeight(), calibrated, sum / calibrated.size(),
                raw.timings(), raw.refinement());
    }

    @Override
    public PosePrediction estimate(byte[] encodedImage) throws ImageRejectedException {
        return calibrate(delegate.estimate(encodedImage));
    }

    @Override
    public PosePrediction estimate(byte[] buffer, int length) throws ImageRejectedException {
        return calibrate(delegate.estimate(buffer, length));
    }

    @Override
    public PosePrediction estimate(BufferedImage image) {
        return calibrate(delegate.estimate(image));
    }

    @Override
    public String jpegDecoder() {
        return delegate.jpegDecoder();
    }

    /** The delegate's model, naming the calibration its predictions carry. */
    @Override
    public ModelInfo model() {
        return model;
    }

    @Override
    public void close() {
        delegate.close();
    }
}
