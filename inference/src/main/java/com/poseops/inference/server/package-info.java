/** The HTTP inference server (SageMaker bring-your-own-container contract): {@code GET /ping}, {@code POST /invocations}. */
@NullMarked
package com.poseops.inference.server;

import org.jspecify.annotations.NullMarked;
