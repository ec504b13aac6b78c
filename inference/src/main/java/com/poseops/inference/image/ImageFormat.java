package com.poseops.inference.image;

/** Image formats recognised from their first bytes. Only JPEG and PNG are decoded; the others get a clear refusal. */
public enum ImageFormat {
    JPEG("JPEG", true),
    PNG("PNG", true),
    GIF("GIF", false),
    BMP("BMP", false),
    WEBP("WebP", false),
    TIFF("TIFF", false),
    HEIF("HEIC/AVIF", false);

    private final String displayName;
    private final boolean supported;

    ImageFormat(String displayName, boolean supported) {
        this.displayName = displayName;
        this.supported = supported;
    }

    public String displayName() {
        return displayName;
    }

    public boolean supported() {
        return supported;
    }
}
