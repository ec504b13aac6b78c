/** Internal: one TensorFlow Lite interpreter per worker, model file validation. Use {@link com.poseops.inference.MoveNetEngine}. */
@NullMarked
package com.poseops.inference.engine;

import org.jspecify.annotations.NullMarked;
