package com.poseops.inference.engine;

import org.jspecify.annotations.Nullable;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes minimal but valid TensorFlow Lite flatbuffers (schema v3) without the flatbuffers library: a subgraph whose
 * tensors are given by shape and type, optionally with constant data, and optional single-input builtin operators.
 * Enough to test how the engine reacts to models that are not MoveNet SinglePose, or that have other input sizes and
 * types.
 *
 * <p>Layout is written front to back: every object is placed after the object that points to it (flatbuffer offsets
 * are unsigned and point forward), each table preceded by its vtable.
 */
final class TinyTfLiteModel {

    /** TFLite schema TensorType values (not the C API's TfLiteType). */
    static final int FLOAT32 = 0;
    static final int INT32 = 2;
    static final int UINT8 = 3;

    /** TFLite schema BuiltinOperator RELU: float32 in, float32 out, same shape, no options. */
    static final int RELU = 19;
    /** TFLite schema BuiltinOperator GATHER (default options: axis 0). */
    static final int GATHER = 36;

    /** A tensor; {@code constant} (float32 values, or null) gives it a data buffer of its own. */
    record Tensor(String name, int type, float @Nullable [] constant, int... shape) {
        Tensor(String name, int type, int... shape) {
            this(name, type, null, shape);
        }
    }

    /** A builtin operator reading and writing the tensors at these indices. */
    record Op(int builtinCode, int[] inputs, int[] outputs) {
    }

    private final Buffer out = new Buffer();

    private TinyTfLiteModel() {
    }

    /** A model with these tensors, {@code inputs}/{@code outputs} being tensor indices, and no operators. */
    static byte[] build(List<Tensor> tensors, int[] inputs, int[] outputs) {
        return build(tensors, inputs, outputs, List.of());
    }

    /** A model with these tensors and operators (each distinct builtin code gets one operator code). */
    static byte[] build(List<Tensor> tensors, int[] inputs, int[] outputs, List<Op> ops) {
        return new TinyTfLiteModel().write(tensors, inputs, outputs, ops);
    }

    /**
     * A model that passes every engine check and runs: input {@code [1,size,size,3]} of {@code inputType}, output
     * float32 [1,1,17,3] = RELU(constant {@code output}). The input is not used by the computation.
     */
    static byte[] constantPose(int inputType, int size, float[] output) {
        return build(List.of(
                        new Tensor("image", inputType, 1, size, size, 3),
                        new Tensor("keypoints", FLOAT32, 1, 1, 17, 3),
                        new Tensor("constant_keypoints", FLOAT32, output, 1, 1, 17, 3)),
                new int[] {0}, new int[] {1}, List.of(new Op(RELU, new int[] {2}, new int[] {1})));
    }

    /**
     * A model that loads like MoveNet (input {@code [1,192,192,3]} uint8, output float32 [1,1,17,3]) but fails every
     * {@code Invoke()}: the output is GATHER(RELU(constant [1,1,17,3]), index 5), and index 5 is out of bounds. The
     * index is checked only when the model runs (GATHER's input is computed, so TensorFlow Lite cannot fold it while
     * allocating), so the upload check passes and the server's warm-up fails.
     */
    static byte[] failsWhenRun() {
        return build(List.of(
                        new Tensor("image", UINT8, 1, 192, 192, 3),
                        new Tensor("keypoints", FLOAT32, 1, 1, 17, 3),
                        new Tensor("computed", FLOAT32, 1, 1, 17, 3),
                        new Tensor("out_of_bounds_index", INT32, new float[] {Float.intBitsToFloat(5)}, 1),
                        new Tensor("constant", FLOAT32, new float[17 * 3], 1, 1, 17, 3)),
                new int[] {0}, new int[] {1},
                List.of(new Op(RELU, new int[] {4}, new int[] {2}), new Op(GATHER, new int[] {2, 3}, new int[] {1})));
    }

    private byte[] write(List<Tensor> tensors, int[] inputs, int[] outputs, List<Op> ops) {
        int root = out.reserveInt();                     // uoffset to the Model table
        out.bytes("TFL3".getBytes(StandardCharsets.US_ASCII));

        // Model { version:uint (0), operator_codes (1), subgraphs (2), description (3), buffers (4) }
        Table model = table(5, 0, 1, 2, 4);
        out.patchOffset(root, model.start);
        out.putIntAt(model.field(0), 3);

        // OperatorCode { deprecated_builtin_code:byte (0), custom_code (1), version:int (2), builtin_code:int (3) }
        List<Integer> codes = ops.stream().map(Op::builtinCode).distinct().toList();
        Vector opcodes = tableVector(codes.size());
        out.patchOffset(model.field(1), opcodes.start);
        for (int i = 0; i < codes.size(); i++) {
            Table code = table(4, 0, 2, 3);
            out.patchOffset(opcodes.element(i), code.start);
            out.putIntAt(code.field(0), codes.get(i));
            out.putIntAt(code.field(2), 1);
            out.putIntAt(code.field(3), codes.get(i));
        }

        Vector subgraphs = tableVector(1);
        out.patchOffset(model.field(2), subgraphs.start);
        int buffersField = model.field(4);

        // SubGraph { tensors (0), inputs (1), outputs (2), operators (3) }
        Table subgraph = table(4, 0, 1, 2, 3);
        out.patchOffset(subgraphs.element(0), subgraph.start);
        Vector tensorTables = tableVector(tensors.size());
        out.patchOffset(subgraph.field(0), tensorTables.start);
        out.patchOffset(subgraph.field(1), intVector(inputs));
        out.patchOffset(subgraph.field(2), intVector(outputs));

        // Tensor { shape (0), type:byte (1), buffer:uint (2), name (3) }
        List<float[]> constants = new ArrayList<>();
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            Table tensor = table(4, 0, 1, 2, 3);
            out.patchOffset(tensorTables.element(i), tensor.start);
            out.putIntAt(tensor.field(1), t.type());
            if (t.constant() == null) {
                out.putIntAt(tensor.field(2), 0);       // buffer 0: the mandatory empty buffer
            } else {
                constants.add(t.constant());
                out.putIntAt(tensor.field(2), constants.size());
            }
            out.patchOffset(tensor.field(0), intVector(t.shape()));
            out.patchOffset(tensor.field(3), string(t.name()));
        }

        // Operator { opcode_index:uint (0), inputs (1), outputs (2) }
        Vector operators = tableVector(ops.size());
        out.patchOffset(subgraph.field(3), operators.start);
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            Table operator = table(3, 0, 1, 2);
            out.patchOffset(operators.element(i), operator.start);
            out.putIntAt(operator.field(0), codes.indexOf(op.builtinCode()));
            out.patchOffset(operator.field(1), intVector(op.inputs()));
            out.patchOffset(operator.field(2), intVector(op.outputs()));
        }

        // buffers: [ Buffer {} (buffer 0 must exist and be empty), Buffer { data (0) } per constant ]
        Vector buffers = tableVector(1 + constants.size());
        out.patchOffset(buffersField, buffers.start);
        Table emptyBuffer = table(0);
        out.patchOffset(buffers.element(0), emptyBuffer.start);
        for (int i = 0; i < constants.size(); i++) {
            Table buffer = table(1, 0);
            out.patchOffset(buffers.element(i + 1), buffer.start);
            out.patchOffset(buffer.field(0), floatData(constants.get(i)));
        }
        out.align(16);
        return out.toByteArray();
    }

    /** A [ubyte] vector holding little-endian floats, its data 16-byte aligned as TFLite wants for constants. */
    private int floatData(float[] values) {
        while ((out.position() + 4) % 16 != 0) {
            out.bytes(new byte[] {0});
        }
        int start = out.position();
        out.int32(values.length * 4);
        for (float v : values) {
            out.int32(Float.floatToIntBits(v));
        }
        return start;
    }

    /** vtable + table whose present fields each take a 4-byte slot (enough for uint8, uint32 and offsets). */
    private Table table(int fieldCount, int... presentFields) {
        out.align(2);
        int vtable = out.position();
        int vtableSize = 4 + 2 * fieldCount;
        int objectSize = 4 + 4 * presentFields.length;
        out.short16(vtableSize);
        out.short16(objectSize);
        int[] slot = new int[fieldCount];
        for (int i = 0; i < presentFields.length; i++) {
            slot[presentFields[i]] = 4 + 4 * i;
        }
        for (int i = 0; i < fieldCount; i++) {
            out.short16(slot[i]);
        }
        out.align(4);
        int start = out.position();
        out.int32(start - vtable);                       // soffset: vtable = table - soffset
        for (int i = 0; i < presentFields.length; i++) {
            out.int32(0);
        }
        return new Table(start, slot);
    }

    private Vector tableVector(int length) {
        out.align(4);
        int start = out.position();
        out.int32(length);
        for (int i = 0; i < length; i++) {
            out.int32(0);                                // patched when the element is written
        }
        return new Vector(start);
    }

    private int intVector(int[] values) {
        out.align(4);
        int start = out.position();
        out.int32(values.length);
        for (int v : values) {
            out.int32(v);
        }
        return start;
    }

    private int string(String value) {
        out.align(4);
        int start = out.position();
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.int32(bytes.length);
        out.bytes(bytes);
        out.bytes(new byte[] {0});
        return start;
    }

    private record Table(int start, int[] slot) {
        int field(int id) {
            return start + slot[id];
        }
    }

    private record Vector(int start) {
        int element(int i) {
            return start + 4 + 4 * i;
        }
    }

    private static final class Buffer {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final List<int[]> patches = new ArrayList<>(); // [position, value]

        int position() {
            return bytes.size();
        }

        void align(int alignment) {
            while (bytes.size() % alignment != 0) {
                bytes.write(0);
            }
        }

        int reserveInt() {
            int at = position();
            int32(0);
            return at;
        }

        void short16(int v) {
            bytes.write(v & 0xFF);
            bytes.write((v >> 8) & 0xFF);
        }

        void int32(int v) {
            short16(v & 0xFFFF);
            short16((v >>> 16) & 0xFFFF);
        }

        void bytes(byte[] b) {
            bytes.writeBytes(b);
        }

        void putIntAt(int at, int value) {
            patches.add(new int[] {at, value});
        }

        /** A uoffset at {@code at} pointing to {@code target} (which must come later). */
        void patchOffset(int at, int target) {
            if (target <= at) {
                throw new IllegalStateException("flatbuffer offsets must point forward");
            }
            putIntAt(at, target - at);
        }

        byte[] toByteArray() {
            byte[] result = bytes.toByteArray();
            for (int[] p : patches) {
                for (int i = 0; i < 4; i++) {
                    result[p[0] + i] = (byte) (p[1] >>> (8 * i));
                }
            }
            return result;
        }
    }
}
