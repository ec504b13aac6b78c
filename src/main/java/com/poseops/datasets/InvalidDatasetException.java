package com.poseops.datasets;

import java.util.List;

/** An upload or a registered location is not a usable labelled set; the message lists what is wrong. */
public final class InvalidDatasetException extends IllegalArgumentException {

    private final List<String> problems;

    public InvalidDatasetException(List<String> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    public InvalidDatasetException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }

    private static String summary(List<String> problems) {
        if (problems.size() == 1) {
            return problems.getFirst();
        }
        StringBuilder text = new StringBuilder(problems.size() + " problems: ");
        for (int i = 0; i < problems.size(); i++) {
            text.append(i == 0 ? "" : " ").append(i + 1).append(") ").append(problems.get(i));
        }
        return text.toString();
    }
}
