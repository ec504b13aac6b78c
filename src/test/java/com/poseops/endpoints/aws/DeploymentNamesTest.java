package com.poseops.endpoints.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeploymentNamesTest {

    /** SageMaker's rule for model, endpoint configuration and endpoint names. */
    private static final String SAGEMAKER_NAME = "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}";
    private static final Clock FIXED = Clock.fixed(Instant.parse("2026-11-29T20:43:12.123Z"), ZoneOffset.UTC);

    @Test
    void namesCarryVersionAndTimeAndKeepTheConfiguredName() {
        DeploymentNames names = new DeploymentNames("hp-prediction-model", "hp-prediction-config", FIXED);

        DeploymentNames.Pair pair = names.next(3);

        assertThat(pair.modelName()).isEqualTo("hp-prediction-model-v3-20261129204312123");
        assertThat(pair.configName()).isEqualTo("hp-prediction-config-v3-20261129204312123");
        assertThat(names.isOurConfig(pair.configName())).isTrue();
        assertThat(names.isOurModel(pair.modelName())).isTrue();
        assertThat(pair.configName()).contains(names.configNameFilter());
    }

    @Test
    void aLongConfiguredNameIsShortenedNeverTheSuffixAndStaysASageMakerName() {
        String longBase = "a-very-long-endpoint-configuration-name-of-sixty-three-chars---x".substring(0, 63);
        DeploymentNames names = new DeploymentNames(longBase, longBase, FIXED);

        String name = names.next(Integer.MAX_VALUE).configName();

        assertThat(name).hasSizeLessThanOrEqualTo(63).matches(SAGEMAKER_NAME)
                .endsWith("-v" + Integer.MAX_VALUE + "-20261129204312123");
        assertThat(names.isOurConfig(name)).isTrue();
        assertThat(name).contains(names.configNameFilter());
    }

    @Test
    void twoDeploymentsInTheSameMillisecondGetDifferentNames() {
        DeploymentNames names = new DeploymentNames("m", "c", FIXED);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            assertThat(seen.add(names.next(1).configName())).isTrue();
        }
    }

    @Test
    void onlyNamesPoseOpsGaveAreOurs() {
        DeploymentNames names = new DeploymentNames("hp-prediction-model", "hp-prediction-config", FIXED);

        assertThat(names.isOurConfig("hp-prediction-config")).isFalse();
        assertThat(names.isOurConfig("hp-prediction-config-by-hand")).isFalse();
        assertThat(names.isOurConfig("other-config-v3-20261129204312123")).isFalse();
        assertThat(names.isOurConfig("hp-prediction-config-v3-2026112920431212")).isFalse();
        assertThat(names.isOurModel("hp-prediction-config-v3-20261129204312123")).isFalse();
        assertThat(names.isOurConfig("hp-prediction-v3-20261129204312123")).isTrue(); // a shortened base
    }
}
