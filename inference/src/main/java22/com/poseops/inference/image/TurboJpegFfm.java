package com.poseops.inference.image;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The TurboJPEG 2.1 decompression functions through the FFM API. Compiled for Java 22+ (see {@link TurboJpeg});
 * instantiated reflectively by {@link TurboJpeg#load}.
 *
 * <p>Flags: {@code TJFLAG_LIMITSCANS} (refuse progressive files with more than 500 scans, the known CPU bomb of the
 * format). Warnings are not stopped on: the image is decoded completely and the caller decides (a truncated file is
 * refused, "extraneous bytes" and similar are accepted, as ImageIO does).
 */
final class TurboJpegFfm implements TurboJpeg {

    private static final int TJFLAG_LIMITSCANS = 32768;
    private static final int TJERR_WARNING = 0;

    private final String library;
    private final MethodHandle initDecompress;
    private final MethodHandle decompressHeader3;
    private final MethodHandle decompress2;
    private final MethodHandle getErrorStr2;
    private final MethodHandle getErrorCode;
    private final MethodHandle destroy;

    TurboJpegFfm(String library) {
        this.library = library;
        // The library stays loaded for the life of the JVM (global arena): handles may be used from any thread.
        SymbolLookup lookup = library.contains("/")
                ? SymbolLookup.libraryLookup(Path.of(library), Arena.global())
                : SymbolLookup.libraryLookup(library, Arena.global());
        Linker linker = Linker.nativeLinker();
        initDecompress = handle(linker, lookup, "tjInitDecompress", FunctionDescriptor.of(ADDRESS));
        // int tjDecompressHeader3(tjhandle, const unsigned char *, unsigned long, int *w, int *h, int *subsamp, int *cs)
        decompressHeader3 = handle(linker, lookup, "tjDecompressHeader3", FunctionDescriptor.of(JAVA_INT, ADDRESS,
                ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        // int tjDecompress2(tjhandle, const unsigned char *, unsigned long, unsigned char *dst, int width, int pitch,
        //                   int height, int pixelFormat, int flags)
        decompress2 = handle(linker, lookup, "tjDecompress2", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS,
                JAVA_LONG, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
        getErrorStr2 = handle(linker, lookup, "tjGetErrorStr2", FunctionDescriptor.of(ADDRESS, ADDRESS));
        getErrorCode = handle(linker, lookup, "tjGetErrorCode", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        destroy = handle(linker, lookup, "tjDestroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    }

    private static MethodHandle handle(Linker linker, SymbolLookup lookup, String name, FunctionDescriptor signature) {
        MemorySegment symbol = lookup.find(name).orElseThrow(() -> new IllegalStateException(
                "the library has no " + name + " (TurboJPEG 2.0 or newer is needed)"));
        return linker.downcallHandle(symbol, signature);
    }

    @Override
    public String description() {
        return "TurboJPEG (" + library + ")";
    }

    @Override
    public Session openSession() {
        MemorySegment handle;
        try {
            handle = (MemorySegment) initDecompress.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("tjInitDecompress failed", e);
        }
        if (handle.equals(MemorySegment.NULL)) {
            throw new IllegalStateException("tjInitDecompress returned no handle (out of memory?)");
        }
        return new FfmSession(handle);
    }

    private final class FfmSession implements Session {
        private final MemorySegment handle;
        /** Native memory for the compressed input and the decoded output, grown on demand, freed by the GC. */
        private MemorySegment input = MemorySegment.NULL;
        private MemorySegment output = MemorySegment.NULL;
        private long loadedLength;
        private final MemorySegment ints = Arena.ofAuto().allocate(JAVA_INT, 4);
        private boolean closed;

        FfmSession(MemorySegment handle) {
            this.handle = handle;
        }

        @Override
        public int[] load(byte[] jpeg, int length) throws Failure {
            MemorySegment in = copyIn(jpeg, length);
            loadedLength = length;
            int status;
            try {
                status = (int) decompressHeader3.invokeExact(handle, in, (long) length, ints,
                        ints.asSlice(4), ints.asSlice(8), ints.asSlice(12));
            } catch (Throwable e) {
                throw new IllegalStateException("tjDecompressHeader3 failed", e);
            }
            if (status != 0) {
                throw failure();
            }
            return new int[] {ints.getAtIndex(JAVA_INT, 0), ints.getAtIndex(JAVA_INT, 1)};
        }

        @Override
        public void decompress(int width, int height, int pixelFormat, byte[] out) throws Failure {
            if (output.byteSize() < out.length) {
                output = Arena.ofAuto().allocate(out.length);
            }
            int status;
            try {
                status = (int) decompress2.invokeExact(handle, input, loadedLength, output, width, 0, height,
                        pixelFormat, TJFLAG_LIMITSCANS);
            } catch (Throwable e) {
                throw new IllegalStateException("tjDecompress2 failed", e);
            }
            if (status != 0) {
                Failure f = failure();
                if (!f.warning() || f.truncated()) {
                    throw f;
                }
                // Any other warning ("extraneous bytes before marker" and the like): the pixels are complete.
            }
            MemorySegment.copy(output, JAVA_BYTE, 0, out, 0, out.length);
        }

        private MemorySegment copyIn(byte[] jpeg, int length) {
            if (input.byteSize() < length) {
                input = Arena.ofAuto().allocate(Math.max(length, 64 * 1024));
            }
            MemorySegment.copy(jpeg, 0, input, JAVA_BYTE, 0, length);
            return input;
        }

        private Failure failure() {
            try {
                MemorySegment text = (MemorySegment) getErrorStr2.invokeExact(handle);
                int code = (int) getErrorCode.invokeExact(handle);
                String message = text.equals(MemorySegment.NULL) ? "unknown error"
                        : text.reinterpret(1024).getString(0);
                return new Failure(message, code == TJERR_WARNING);
            } catch (Throwable e) {
                return new Failure("unknown TurboJPEG error", false);
            }
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                int ignored = (int) destroy.invokeExact(handle);
            } catch (Throwable e) {
                // Nothing sensible to do while closing.
            }
        }
    }
}
