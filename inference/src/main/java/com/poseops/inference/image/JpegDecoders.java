package com.poseops.inference.image;

import org.jspecify.annotations.Nullable;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which JPEG decoder an engine uses, decided once: TurboJPEG (native, DCT scaling) when the library loads, ImageIO
 * otherwise. Thread-safe; {@link #newDecoder()} gives each worker its own {@link ImageDecoder}.
 */
public final class JpegDecoders {

    /** What the configuration asks for. */
    public enum Choice {
        /** TurboJPEG where {@code libturbojpeg0} is installed (and the JVM is 22+), else ImageIO. The default. */
        AUTO,
        /** TurboJPEG or fail: for deployments that must not silently run the slower decoder. */
        TURBOJPEG,
        /** ImageIO only (the JDK's libjpeg and TwelveMonkeys). */
        IMAGEIO;

        /** Parses {@code auto}, {@code turbojpeg} or {@code imageio} (any case). */
        public static Choice parse(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "auto" -> AUTO;
                case "turbojpeg" -> TURBOJPEG;
                case "imageio" -> IMAGEIO;
                default -> throw new IllegalArgumentException("expected auto, turbojpeg or imageio, got " + value);
            };
        }
    }

    /**
     * The setting: a choice and the TurboJPEG library to load (a name for {@code dlopen}, or a path).
     */
    public record Setting(Choice choice, String library) {
        public static Setting defaults() {
            return new Setting(Choice.AUTO, TurboJpeg.DEFAULT_LIBRARY);
        }
    }

    /** One load attempt per library per JVM: the outcome does not change while the process runs. */
    private static final Map<String, TurboJpeg.Loaded> LOADED = new ConcurrentHashMap<>();

    private final @Nullable TurboJpeg turboJpeg;
    private final String description;

    private JpegDecoders(@Nullable TurboJpeg turboJpeg, String description) {
        this.turboJpeg = turboJpeg;
        this.description = description;
    }

    /**
     * Resolves the setting.
     *
     * @throws IllegalStateException if {@link Choice#TURBOJPEG} was asked for and the library cannot be used
     */
    public static JpegDecoders resolve(Setting setting) {
        if (setting.choice() == Choice.IMAGEIO) {
            return new JpegDecoders(null, "ImageIO (configured)");
        }
        TurboJpeg.Loaded loaded = LOADED.computeIfAbsent(setting.library(), TurboJpeg::load);
        TurboJpeg library = loaded.library();
        if (library != null) {
            return new JpegDecoders(library, library.description() + ", DCT scaling");
        }
        if (setting.choice() == Choice.TURBOJPEG) {
            throw new IllegalStateException("TurboJPEG was required but " + loaded.unavailableReason()
                    + ". Install it (Debian/Ubuntu: apt-get install libturbojpeg0) or allow the ImageIO fallback.");
        }
        return new JpegDecoders(null, "ImageIO (" + loaded.unavailableReason()
                + "; apt-get install libturbojpeg0 for the faster native decoder)");
    }

    /** True when JPEGs are decoded by TurboJPEG. */
    public boolean usesTurboJpeg() {
        return turboJpeg != null;
    }

    /** For the start-up log line, e.g. {@code TurboJPEG (libturbojpeg.so.0), DCT scaling}. */
    public String description() {
        return description;
    }

    /** A decoder for one thread at a time. Close it to free its native memory. */
    public ImageDecoder newDecoder() {
        TurboJpeg library = turboJpeg;
        return new ImageDecoder(library == null ? null : new TurboJpegDecoder(library.openSession()));
    }
}
