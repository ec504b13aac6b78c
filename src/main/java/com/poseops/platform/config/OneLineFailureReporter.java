package com.poseops.platform.config;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;

/**
 * Prints why the app did not start as one line on standard error, instead of Spring Boot's banner of asterisks:
 * an operator reading a service log should see the key to fix at a glance.
 */
public class OneLineFailureReporter implements FailureAnalysisReporter {

    @Override
    public void report(FailureAnalysis analysis) {
        String action = analysis.getAction() == null ? "" : analysis.getAction().replaceAll("\\s+", " ").trim();
        String line = "PoseOps did not start: " + analysis.getDescription().replaceAll("\\s+", " ").trim()
                + (action.isEmpty() ? "" : " — " + action);
        System.err.println(line);
    }
}
