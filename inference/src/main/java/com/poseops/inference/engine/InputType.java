package com.poseops.inference.engine;

import org.jspecify.annotations.Nullable;

import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteFloat32;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteInt32;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteUInt8;

/** Element types a MoveNet input tensor can have (v4 TFLite: uint8; SavedModel export: int32; v3: float32). */
public enum InputType {
    UINT8("uint8", 1, kTfLiteUInt8),
    INT32("int32", 4, kTfLiteInt32),
    FLOAT32("float32", 4, kTfLiteFloat32);

    private final String label;
    private final int bytesPerValue;
    private final int tfLiteType;

    InputType(String label, int bytesPerValue, int tfLiteType) {
        this.label = label;
        this.bytesPerValue = bytesPerValue;
        this.tfLiteType = tfLiteType;
    }

    /** Name as in the JSON contract: {@code uint8}, {@code int32}, {@code float32}. */
    public String label() {
        return label;
    }

    public int bytesPerValue() {
        return bytesPerValue;
    }

    static @Nullable InputType ofTfLiteType(int type) {
        for (InputType t : values()) {
            if (t.tfLiteType == type) {
                return t;
            }
        }
        return null;
    }
}
