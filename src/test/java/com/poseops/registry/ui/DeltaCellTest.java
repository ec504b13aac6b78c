package com.poseops.registry.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.registry.ApprovalStatus;
import com.poseops.registry.ModelVersion;
import com.poseops.registry.RegistryService.Baseline;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The "vs. serving" cell: green where the version is better, red where it is worse, "serving" for itself. */
class DeltaCellTest {

    private static final Baseline SERVING = new Baseline("version 1", 1,
            Map.of("meanErrorPx", "9.12", "pck005", "0.900", "p50LatencyMs", "7.0"));

    @Test
    void betterIsGreenWorseIsRedSameIsUncoloured() {
        Div cell = ModelsView.deltaCell(version(2, Map.of("meanErrorPx", "8.00", "pck005", "0.850",
                "p50LatencyMs", "7.0")), SERVING);
        Span[] spans = cell.getChildren().map(Span.class::cast).toArray(Span[]::new);
        assertThat(spans).hasSize(3);
        assertThat(spans[0].getText()).isEqualTo("err −1.120 ");
        assertThat(spans[0].getStyle().get("color")).isEqualTo(ModelsView.BETTER);
        assertThat(spans[1].getText()).isEqualTo("PCK −0.050 ");
        assertThat(spans[1].getStyle().get("color")).isEqualTo(ModelsView.WORSE);
        assertThat(spans[2].getStyle().get("color")).isNull();
        assertThat(spans[2].getElement().getAttribute("data-verdict")).isEqualTo("SAME");
    }

    @Test
    void theServingVersionItselfAndNoBaselineShowNoNumbers() {
        assertThat(ModelsView.deltaCell(version(1, SERVING.metrics()), SERVING).getChildren()
                .map(c -> ((Span) c).getText()).toList()).containsExactly("serving");
        assertThat(ModelsView.deltaCell(version(2, SERVING.metrics()), null).getChildren().count()).isZero();
    }

    private static ModelVersion version(int number, Map<String, String> metrics) {
        return new ModelVersion(number, "g/" + number, Instant.parse("2026-11-23T10:00:00Z"), "dora", "d",
                ApprovalStatus.PENDING, metrics, "file:///m", null, null);
    }
}
