/** Internal: image header sniffing, decoding, EXIF orientation and resampling into the model input tensor. */
@NullMarked
package com.poseops.inference.image;

import org.jspecify.annotations.NullMarked;
