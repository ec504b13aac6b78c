package com.poseops.registry.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SageMakerTextTest {

    @Test
    void shorteningNeverSplitsASurrogatePair() {
        String text = "a".repeat(1022) + "😀" + "b".repeat(10);

        String description = SageMakerText.description(text);

        assertThat(description).isEqualTo("a".repeat(1022) + "…").hasSize(1023);
    }

    @Test
    void shortTextIsKeptAsItIsApartFromInvisibleCharacters() {
        assertThat(SageMakerText.description("Lightning int8 — 57.4 mAP (letterboxed), 中文 😀"))
                .isEqualTo("Lightning int8 — 57.4 mAP (letterboxed), 中文 😀");
        assertThat(SageMakerText.description("  two\n\nlines\u200B\u202Ehidden  ")).isEqualTo("two lines hidden");
        assertThat(SageMakerText.description("x".repeat(1024))).hasSize(1024).doesNotContain("…");
        assertThat(SageMakerText.description("x".repeat(1025))).hasSize(1024).endsWith("x…");
    }

    @Test
    void metadataValuesKeepOnlyWhatSageMakerAccepts() {
        assertThat(SageMakerText.metadataValue("alice@example.com")).isEqualTo("alice@example.com");
        assertThat(SageMakerText.metadataValue("o'brien;drop")).isEqualTo("o_brien_drop");
        assertThat(SageMakerText.metadataValue(" \n ")).isEqualTo("unknown");
        assertThat(SageMakerText.metadataValue("u".repeat(300))).hasSize(256);
    }
}
