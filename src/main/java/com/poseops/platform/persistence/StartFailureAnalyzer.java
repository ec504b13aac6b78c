package com.poseops.platform.persistence;

import com.poseops.platform.Throwables;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * A database that cannot start (a damaged file, a process that dies at once) stops the console with one line that
 * names the file and what to do, instead of a stack trace (printed by the config package's one-line reporter).
 */
public class StartFailureAnalyzer implements FailureAnalyzer {

    @Override
    public @Nullable FailureAnalysis analyze(Throwable failure) {
        DatabaseStartException database = Throwables.find(failure, DatabaseStartException.class);
        return database == null ? null : new FailureAnalysis(database.getMessage(), database.action(), database);
    }
}
