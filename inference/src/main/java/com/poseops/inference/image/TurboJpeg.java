package com.poseops.inference.image;

import org.jspecify.annotations.Nullable;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationTargetException;
import java.util.Locale;

/**
 * libjpeg-turbo's TurboJPEG API (Debian package {@code libturbojpeg0}, 2.1.x), as far as the decoder uses it.
 *
 * <p>The binding ({@code TurboJpegFfm}) uses the Foreign Function &amp; Memory API, final in Java 22; it lives in
 * {@code inference/src/main/java22} and is compiled for Java 22 while the rest of the code stays on Java 21. It is
 * therefore loaded by name: on a Java 21 runtime, or where the library is missing, {@link #load} says why and the
 * caller decodes with ImageIO instead (decision 0041).
 */
interface TurboJpeg {

    /** {@code TJPF_RGB}: 3 bytes per pixel, R G B. */
    int PIXEL_FORMAT_RGB = 0;
    /** {@code TJPF_GRAY}: 1 byte per pixel. */
    int PIXEL_FORMAT_GRAY = 6;
    /** {@code TJPF_CMYK}: 4 bytes per pixel, as stored in the file (Adobe files store them inverted). */
    int PIXEL_FORMAT_CMYK = 11;

    /** Library name given to {@code dlopen} by default (Debian's {@code libturbojpeg0}). */
    String DEFAULT_LIBRARY = "libturbojpeg.so.0";

    /** A decompressor handle with its native buffers. Not thread-safe: one per decoder. */
    interface Session extends AutoCloseable {

        /**
         * Copies {@code jpeg[0, length)} into native memory (once for the calls that follow) and returns the width
         * and height its own header declares (tjDecompressHeader3).
         */
        int[] load(byte[] jpeg, int length) throws Failure;

        /**
         * Decodes the loaded JPEG scaled to {@code width × height} (the exact scaled size of one of the library's
         * scaling factors) into {@code out} (width × height × bytes per pixel of {@code pixelFormat}).
         *
         * @throws Failure if the library reports an error, or a warning that makes the pixels unusable
         */
        void decompress(int width, int height, int pixelFormat, byte[] out) throws Failure;

        @Override
        void close();
    }

    /** An error or warning of the library. */
    final class Failure extends Exception {
        private final boolean warning;

        public Failure(String message, boolean warning) {
            super(message);
            this.warning = warning;
        }

        /** True for a libjpeg warning (the image was decoded, possibly with defects), false for a fatal error. */
        public boolean warning() {
            return warning;
        }

        /** libjpeg's "Premature end of JPEG file": it pads the missing part with grey. */
        public boolean truncated() {
            String m = getMessage() == null ? "" : getMessage().toLowerCase(Locale.ROOT);
            return m.contains("premature end");
        }
    }

    Session openSession();

    /** Library and API, e.g. {@code TurboJPEG (libturbojpeg.so.0)}. */
    String description();

    /** The binding, or why there is none. */
    record Loaded(@Nullable TurboJpeg library, String unavailableReason) {
    }

    /**
     * Loads the binding for {@code library} (a name for {@code dlopen}, or a path). Never throws: a missing library, a
     * Java 21 runtime or refused native access all end as a reason.
     */
    static Loaded load(String library) {
        Logger log = System.getLogger(TurboJpeg.class.getName());
        try {
            Class<?> binding = Class.forName("com.poseops.inference.image.TurboJpegFfm");
            TurboJpeg loaded = (TurboJpeg) binding.getDeclaredConstructor(String.class).newInstance(library);
            return new Loaded(loaded, "");
        } catch (ClassNotFoundException | UnsupportedClassVersionError e) {
            return new Loaded(null, "the TurboJPEG binding needs Java 22 or newer (this is Java "
                    + Runtime.version().feature() + ")");
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            log.log(Level.DEBUG, "TurboJPEG not loaded", cause);
            return new Loaded(null, library + " could not be loaded (" + cause.getMessage() + ")");
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            log.log(Level.DEBUG, "TurboJPEG not loaded", e);
            return new Loaded(null, library + " could not be loaded (" + e + ")");
        }
    }
}
