package com.poseops.endpoints;

import java.util.List;
import java.util.Map;

/**
 * Local mode: the operating-system processes behind each variant (processes stand in for instances), so that the
 * Monitoring feature can sample their CPU, memory and disk. Only the local control plane provides this.
 */
@FunctionalInterface
public interface VariantProcesses {

    /** Process ids by variant name, of the processes serving or starting now. */
    Map<String, List<Long>> pidsByVariant();
}
