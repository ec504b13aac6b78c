package com.poseops.endpoints;

import java.util.List;

/** A deployment policy outside SageMaker's limits; the message lists every problem, each naming its field. */
public class InvalidDeploymentPolicyException extends IllegalArgumentException {

    private final List<String> problems;

    public InvalidDeploymentPolicyException(List<String> problems) {
        super(String.join(" ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
