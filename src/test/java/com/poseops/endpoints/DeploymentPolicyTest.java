package com.poseops.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.poseops.endpoints.DeploymentPolicy.TrafficRouting;
import org.junit.jupiter.api.Test;

/** SageMaker's blue/green limits, checked once for the dialog and the server. */
class DeploymentPolicyTest {

    @Test
    void linearStepsEndAtAllTraffic() {
        DeploymentPolicy linear = new DeploymentPolicy(TrafficRouting.LINEAR, 30, 60, 0, 600, true);
        assertThat(linear.trafficSteps()).containsExactly(30, 60, 90, 100);
        assertThat(linear.totalWaitSeconds()).isEqualTo(240);
        assertThat(new DeploymentPolicy(TrafficRouting.CANARY, 10, 0, 0, 600, true).trafficSteps())
                .containsExactly(10, 100);
        assertThat(new DeploymentPolicy(TrafficRouting.ALL_AT_ONCE, 100, 0, 30, 600, false).trafficSteps())
                .containsExactly(100);
    }

    @Test
    void valuesOutsideSageMakersLimitsAreRefusedNamingTheField() {
        assertThat(DeploymentPolicy.problems(TrafficRouting.CANARY, 60, 0, 0, 600))
                .singleElement().asString().startsWith("Canary size must be 1–50 %");
        assertThat(DeploymentPolicy.problems(TrafficRouting.LINEAR, 5, 0, 0, 600))
                .singleElement().asString().startsWith("Linear step must be 10–50 %");
        assertThat(DeploymentPolicy.problems(TrafficRouting.LINEAR, 50, 3601, -1, 599)).hasSize(3);
        assertThatThrownBy(() -> new DeploymentPolicy(TrafficRouting.LINEAR, 10, 3600, 0, 28800, true))
                .isInstanceOf(InvalidDeploymentPolicyException.class)
                .hasMessageContaining("must be longer than all the bake and termination waits together (36000 s)");
    }

    @Test
    void theDefaultIsValid() {
        assertThat(DeploymentPolicy.defaults().autoRollback()).isTrue();
    }
}
