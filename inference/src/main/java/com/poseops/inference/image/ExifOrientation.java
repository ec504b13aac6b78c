package com.poseops.inference.image;

/**
 * EXIF orientation (TIFF tag 0x0112): how the stored pixels must be turned to be displayed upright.
 * 1 = as stored, 2 = mirrored, 3 = 180°, 4 = flipped vertically, 5 = transposed, 6 = rotate 90° clockwise,
 * 7 = transverse, 8 = rotate 90° counter-clockwise.
 */
public final class ExifOrientation {

    private static final int ORIENTATION_TAG = 0x0112;

    private ExifOrientation() {
    }

    /** Orientations 5–8 exchange width and height. */
    public static boolean swapsAxes(int orientation) {
        return orientation >= 5 && orientation <= 8;
    }

    /**
     * True when the displayed x axis runs backwards along the stored axis it comes from (stored x for 1–4, stored y
     * for 5–8): orientations 2, 3, 6 and 7.
     */
    public static boolean mirrorsX(int orientation) {
        return orientation == 2 || orientation == 3 || orientation == 6 || orientation == 7;
    }

    /**
     * True when the displayed y axis runs backwards along the stored axis it comes from (stored y for 1–4, stored x
     * for 5–8): orientations 3, 4, 7 and 8.
     */
    public static boolean mirrorsY(int orientation) {
        return orientation == 3 || orientation == 4 || orientation == 7 || orientation == 8;
    }

    /**
     * Reads the orientation from TIFF data in {@code d[start, end)} (the body of an EXIF block after "Exif\0\0").
     * Malformed data gives 1: a broken EXIF block should not make an otherwise fine photo fail.
     */
    static int fromTiff(byte[] d, int start, int end) {
        if (end - start < 8) {
            return 1;
        }
        boolean littleEndian;
        if (d[start] == 'I' && d[start + 1] == 'I') {
            littleEndian = true;
        } else if (d[start] == 'M' && d[start + 1] == 'M') {
            littleEndian = false;
        } else {
            return 1;
        }
        if (u16(d, start + 2, littleEndian) != 42) {
            return 1;
        }
        long ifd = u32(d, start + 4, littleEndian);
        if (ifd < 8 || start + ifd + 2 > end) {
            return 1;
        }
        int ifdPos = (int) (start + ifd);
        int entries = u16(d, ifdPos, littleEndian);
        for (int i = 0; i < entries; i++) {
            int entry = ifdPos + 2 + i * 12;
            if (entry + 12 > end) {
                return 1;
            }
            if (u16(d, entry, littleEndian) == ORIENTATION_TAG) {
                int type = u16(d, entry + 2, littleEndian);
                int value = type == 3 ? u16(d, entry + 8, littleEndian)            // SHORT
                        : type == 4 ? (int) u32(d, entry + 8, littleEndian)       // LONG (seen in the wild)
                        : 1;
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    private static int u16(byte[] d, int i, boolean le) {
        int a = d[i] & 0xFF;
        int b = d[i + 1] & 0xFF;
        return le ? (b << 8) | a : (a << 8) | b;
    }

    private static long u32(byte[] d, int i, boolean le) {
        long a = d[i] & 0xFF;
        long b = d[i + 1] & 0xFF;
        long c = d[i + 2] & 0xFF;
        long e = d[i + 3] & 0xFF;
        return le ? (e << 24) | (c << 16) | (b << 8) | a : (a << 24) | (b << 16) | (c << 8) | e;
    }
}
