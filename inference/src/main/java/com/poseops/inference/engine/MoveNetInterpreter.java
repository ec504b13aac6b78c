package com.poseops.inference.engine;

import com.poseops.inference.BodyPart;
import com.poseops.inference.ModelLoadException;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorflowlite.BuiltinOpResolverWithXNNPACK;
import org.bytedeco.tensorflowlite.FlatBufferModel;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.InterpreterBuilder;
import org.bytedeco.tensorflowlite.TfLiteTensor;
import org.jspecify.annotations.Nullable;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.StringJoiner;

import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteTensorByteSize;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteTensorCopyFromBuffer;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteTensorCopyToBuffer;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteTensorData;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteTensorDim;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteTensorNumDims;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteTensorType;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.TfLiteTypeGetName;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteFloat32;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteOk;

/**
 * One TensorFlow Lite 2.21 interpreter (C++ API, XNNPACK) running a MoveNet SinglePose model. <b>Not thread-safe</b>:
 * one thread at a time; {@link com.poseops.inference.MoveNetEngine} keeps a pool of them.
 *
 * <p>Holds strong references to the {@link FlatBufferModel}, the op resolver and the {@link InterpreterBuilder} for
 * as long as the interpreter lives: JavaCPP frees the native object when its Java wrapper is collected, and the
 * interpreter still points into all three (a collected resolver crashes the JVM on the next {@code Invoke()}).
 */
public final class MoveNetInterpreter implements AutoCloseable {

    /** Output of MoveNet SinglePose: [1, 1, 17, (y, x, score)]. */
    private static final int[] EXPECTED_OUTPUT_SHAPE = {1, 1, BodyPart.COUNT, 3};
    private static final int OUTPUT_VALUES = BodyPart.COUNT * 3;

    // Strong references: see the class comment. Never make these locals.
    private final FlatBufferModel model;
    private final BuiltinOpResolverWithXNNPACK resolver;
    private final InterpreterBuilder builder;
    private final Interpreter interpreter;

    private final TfLiteTensor inputTensor;
    private final TfLiteTensor outputTensor;
    private final BytePointer inputMemory;
    private final ByteBuffer inputBuffer;
    private final FloatPointer outputMemory;
    private final int inputSize;
    private final InputType inputType;
    private boolean closed;

    private MoveNetInterpreter(FlatBufferModel model, BuiltinOpResolverWithXNNPACK resolver, InterpreterBuilder builder,
                               Interpreter interpreter, TfLiteTensor inputTensor, TfLiteTensor outputTensor,
                               int inputSize, InputType inputType) {
        this.model = model;
        this.resolver = resolver;
        this.builder = builder;
        this.interpreter = interpreter;
        this.inputTensor = inputTensor;
        this.outputTensor = outputTensor;
        this.inputSize = inputSize;
        this.inputType = inputType;
        long inputBytes = TfLiteTensorByteSize(inputTensor);
        this.inputMemory = new BytePointer(inputBytes);
        this.inputBuffer = inputMemory.asByteBuffer().order(ByteOrder.nativeOrder());
        this.outputMemory = new FloatPointer(OUTPUT_VALUES);
    }

    /**
     * Loads the model and builds an interpreter with XNNPACK.
     *
     * @param threads number of threads of this interpreter
     * @throws ModelLoadException if the file is missing, not TFLite, corrupt, or not a MoveNet SinglePose model
     */
    public static MoveNetInterpreter load(Path modelPath, int threads) throws ModelLoadException {
        ModelFile.checkLooksLikeTfLite(modelPath);
        String where = modelPath.toAbsolutePath().toString();
        // VerifyAndBuild runs the flatbuffer verifier first: a corrupt file gives null instead of a native crash.
        FlatBufferModel model = FlatBufferModel.VerifyAndBuildFromFile(where);
        if (model == null || model.isNull()) {
            throw new ModelLoadException("TensorFlow Lite could not read the model " + where
                    + " (the flatbuffer is corrupt or truncated)." + ModelLoadException.DOWNLOAD_AGAIN);
        }
        BuiltinOpResolverWithXNNPACK resolver = new BuiltinOpResolverWithXNNPACK(true);
        InterpreterBuilder builder = new InterpreterBuilder(model, resolver);
        boolean success = false;
        Interpreter interpreter = new Interpreter((Pointer) null);
        try {
            if (builder.SetNumThreads(threads) != kTfLiteOk) {
                throw new ModelLoadException("TensorFlow Lite refused " + threads + " threads for " + where);
            }
            if (builder.apply(interpreter) != kTfLiteOk || interpreter.isNull()) {
                throw new ModelLoadException("TensorFlow Lite could not build an interpreter for " + where
                        + " (it may use operators this runtime does not have; the native log above says which).");
            }
            if (interpreter.AllocateTensors() != kTfLiteOk) {
                throw new ModelLoadException(ModelLoadException.Kind.TENSORS_DO_NOT_FIT,
                        "TensorFlow Lite could not allocate the tensors of " + where + ".");
            }
            IntPointer inputs = interpreter.inputs();
            IntPointer outputs = interpreter.outputs();
            if (inputs.limit() - inputs.position() != 1 || outputs.limit() - outputs.position() < 1) {
                throw new ModelLoadException("Not a MoveNet SinglePose model: " + where + " has "
                        + (inputs.limit() - inputs.position()) + " inputs and " + (outputs.limit() - outputs.position())
                        + " outputs; MoveNet has 1 input [1,S,S,3] and 1 output [1,1,17,3].");
            }
            TfLiteTensor input = interpreter.tensor(inputs.get(0));
            TfLiteTensor output = interpreter.tensor(outputs.get(0));
            int[] inShape = shape(input);
            int[] outShape = shape(output);
            boolean squareRgb = inShape.length == 4 && inShape[0] == 1 && inShape[1] == inShape[2] && inShape[3] == 3
                    && inShape[1] >= 16;
            if (!squareRgb) {
                throw new ModelLoadException("Not a MoveNet SinglePose model: " + where + " has input shape "
                        + format(inShape) + "; MoveNet needs [1,S,S,3] (S = 192 for Lightning, 256 for Thunder).");
            }
            InputType inputType = InputType.ofTfLiteType(TfLiteTensorType(input));
            if (inputType == null) {
                throw new ModelLoadException("Unsupported input type " + typeName(input) + " in " + where
                        + "; MoveNet models take uint8, int32 or float32 RGB values 0..255.");
            }
            if (!java.util.Arrays.equals(outShape, EXPECTED_OUTPUT_SHAPE) || TfLiteTensorType(output) != kTfLiteFloat32) {
                throw new ModelLoadException("Not a MoveNet SinglePose model: " + where + " has output "
                        + typeName(output) + " " + format(outShape)
                        + "; MoveNet SinglePose outputs float32 [1,1,17,3] (MultiPose models are not supported).");
            }
            // TfLiteTensorCopyTo/FromBuffer memcpy to/from the tensor's data pointer after checking only the byte
            // count: a tensor the arena never allocated (an output no operator computes, a dynamic tensor) has a null
            // pointer and crashes the JVM with SIGSEGV. Refuse such models here instead.
            long expectedInputBytes = (long) inShape[1] * inShape[2] * 3 * inputType.bytesPerValue();
            if (TfLiteTensorByteSize(input) != expectedInputBytes) {
                throw new ModelLoadException("Not a MoveNet SinglePose model: " + where + " has an input of "
                        + TfLiteTensorByteSize(input) + " bytes; " + inputType.label() + " " + format(inShape)
                        + " needs " + expectedInputBytes + ".");
            }
            if (TfLiteTensorByteSize(output) != (long) OUTPUT_VALUES * Float.BYTES) {
                throw new ModelLoadException("Not a MoveNet SinglePose model: " + where + " has an output of "
                        + TfLiteTensorByteSize(output) + " bytes; float32 [1,1,17,3] needs "
                        + OUTPUT_VALUES * Float.BYTES + ".");
            }
            if (hasNoMemory(input) || hasNoMemory(output)) {
                throw new ModelLoadException("Not a usable MoveNet model: " + where + " leaves its "
                        + (hasNoMemory(input) ? "input" : "output") + " tensor without memory after allocation"
                        + " (no operator computes it, or its shape is dynamic). MoveNet SinglePose has a fixed"
                        + " input [1,S,S,3] and an output [1,1,17,3] computed by the model.");
            }
            MoveNetInterpreter result = new MoveNetInterpreter(model, resolver, builder, interpreter, input, output,
                    inShape[1], inputType);
            success = true;
            return result;
        } finally {
            if (!success) {
                interpreter.close();
                builder.close();
                resolver.close();
                model.close();
            }
        }
    }

    /** Side S of the square input. */
    public int inputSize() {
        return inputSize;
    }

    public InputType inputType() {
        return inputType;
    }

    /**
     * The buffer the caller fills with the S×S×3 RGB input (row-major, values 0..255 in {@link #inputType()}, native
     * byte order). Reused by every call.
     */
    public ByteBuffer inputBuffer() {
        return inputBuffer.clear();
    }

    /**
     * Copies {@link #inputBuffer()} into the model, runs it and copies the output into {@code yxScores} (17 × (y, x,
     * score), y and x normalised to the model input).
     */
    public void run(float[] yxScores) {
        ensureOpen();
        // Re-checked on every call (a cheap field read): a null data pointer here would be a SIGSEGV in memcpy.
        requireMemory(inputTensor, "input");
        check(TfLiteTensorCopyFromBuffer(inputTensor, inputMemory, inputMemory.capacity()), "copy the input");
        invoke();
        requireMemory(outputTensor, "output");
        check(TfLiteTensorCopyToBuffer(outputTensor, outputMemory, (long) OUTPUT_VALUES * Float.BYTES), "copy the output");
        outputMemory.get(yxScores, 0, OUTPUT_VALUES);
    }

    /** Only {@code Invoke()}, on whatever input is in the model: for measuring the raw model time. */
    public void invoke() {
        ensureOpen();
        check(interpreter.Invoke(), "run the model (Invoke)");
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this interpreter is closed");
        }
    }

    private static boolean hasNoMemory(TfLiteTensor tensor) {
        Pointer data = TfLiteTensorData(tensor);
        return data == null || data.isNull();
    }

    private static void requireMemory(TfLiteTensor tensor, String which) {
        if (hasNoMemory(tensor)) {
            throw new IllegalStateException("TensorFlow Lite left the " + which + " tensor without memory");
        }
    }

    private static void check(int status, String what) {
        if (status != kTfLiteOk) {
            throw new IllegalStateException("TensorFlow Lite failed to " + what + " (status " + status + ")");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // The interpreter first: it points into the builder's, resolver's and model's memory.
        interpreter.close();
        builder.close();
        resolver.close();
        model.close();
        inputMemory.close();
        outputMemory.close();
    }

    private static int[] shape(TfLiteTensor tensor) {
        int n = TfLiteTensorNumDims(tensor);
        int[] dims = new int[Math.max(n, 0)];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = TfLiteTensorDim(tensor, i);
        }
        return dims;
    }

    private static String format(int[] shape) {
        StringJoiner joiner = new StringJoiner(",", "[", "]");
        for (int d : shape) {
            joiner.add(Integer.toString(d));
        }
        return joiner.toString();
    }

    private static String typeName(TfLiteTensor tensor) {
        @Nullable BytePointer name = TfLiteTypeGetName(TfLiteTensorType(tensor));
        return name == null ? "type " + TfLiteTensorType(tensor) : name.getString().toLowerCase(java.util.Locale.ROOT);
    }
}
