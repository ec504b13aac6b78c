/** The Endpoints page: status, variants, deploy / roll back / abort, the deployment in progress and the history. */
@NullMarked
package com.poseops.endpoints.ui;

import org.jspecify.annotations.NullMarked;
