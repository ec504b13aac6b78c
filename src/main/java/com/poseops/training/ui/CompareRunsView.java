package com.poseops.training.ui;

import com.poseops.platform.ui.components.Chart;
import com.poseops.training.MetricPoint;
import com.poseops.training.TrainingJob;
import com.poseops.training.TrainingService;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Two or more runs side by side: per metric, every run's curve on one chart, epoch by epoch; and the trend of a final
 * metric across the runs (oldest first). The runs come from the page's address ({@code ?jobs=a,b,c}), so a comparison
 * can be shared.
 */
@Route("training/compare")
@PageTitle("Compare runs · PoseOps")
@PermitAll
class CompareRunsView extends VerticalLayout implements BeforeEnterObserver {

    private final TrainingService service;
    private final Paragraph runs = new Paragraph();
    private final FlexLayout charts = new FlexLayout();
    private final Select<String> finalMetric = new Select<>();
    private final Chart trend = new Chart();
    private List<TrainingJob> jobs = List.of();

    CompareRunsView(TrainingService service) {
        this.service = service;
        setWidthFull();
        runs.setId("compared-runs");
        charts.setId("compare-charts");
        charts.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        charts.getStyle().set("gap", "1em");
        charts.setWidthFull();
        finalMetric.setId("trend-metric");
        finalMetric.setLabel("Final metric");
        finalMetric.addValueChangeListener(change -> showTrend());
        trend.setId("final-metric-trend");
        trend.setWidthFull();
        trend.setHeight("280px");
        add(new RouterLink("← All training jobs", TrainingView.class), new H2("Compare runs"), runs,
                new H3("Curves, epoch by epoch"), charts, new H3("Final metric across runs"), finalMetric, trend);
    }

    static QueryParameters query(List<String> jobNames) {
        return QueryParameters.simple(Map.of("jobs", String.join(",", jobNames)));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        List<String> names = event.getLocation().getQueryParameters().getSingleParameter("jobs")
                .map(value -> List.of(value.split(","))).orElse(List.of());
        jobs = names.stream().map(String::strip).filter(n -> !n.isEmpty()).map(service::find)
                .flatMap(Optional::stream).sorted(Comparator.comparing(TrainingJob::createdAt)).toList();
        show();
    }

    private void show() {
        if (jobs.size() < 2) {
            runs.setText("Choose two or more jobs on the Training page and press \"Compare runs\".");
            return;
        }
        runs.setText("Comparing " + String.join(", ", jobs.stream().map(j -> j.name() + " ("
                + JobText.keyHyperparameters(j) + ")").toList()) + ".");
        charts.removeAll();
        for (Map.Entry<String, List<Map<String, Object>>> metric : seriesByMetric(jobs).entrySet()) {
            Chart chart = new Chart();
            chart.setId("compare-" + metric.getKey().replaceAll("[^a-zA-Z0-9_-]", "_"));
            chart.setWidth("30em");
            chart.setHeight("260px");
            chart.getStyle().setFlexGrow("1");
            chart.setOptions(Curves.chart(metric.getKey(), "epoch", metric.getValue()));
            charts.add(chart);
        }
        Set<String> finals = new LinkedHashSet<>();
        jobs.forEach(j -> finals.addAll(j.progress().finalMetrics().keySet()));
        finalMetric.setItems(finals);
        finals.stream().filter(m -> m.endsWith("ece_after")).findFirst()
                .or(() -> finals.stream().findFirst()).ifPresent(finalMetric::setValue);
    }

    /** Per metric (curves only), one series per run: that run's values by epoch. */
    static Map<String, List<Map<String, Object>>> seriesByMetric(List<TrainingJob> jobs) {
        Map<String, List<Map<String, Object>>> byMetric = new LinkedHashMap<>();
        for (TrainingJob job : jobs) {
            Map<String, List<MetricPoint>> perMetric = new LinkedHashMap<>();
            for (MetricPoint point : job.metrics()) {
                if (!Curves.channel(point.metric()).equals(Curves.SUMMARY_CHANNEL)) {
                    perMetric.computeIfAbsent(point.metric(), m -> new ArrayList<>()).add(point);
                }
            }
            perMetric.forEach((metric, points) -> {
                List<List<Number>> data = new ArrayList<>();
                points.stream().sorted(Comparator.comparingInt(MetricPoint::index))
                        .forEach(p -> data.add(List.of(p.index(), p.value())));
                byMetric.computeIfAbsent(metric, m -> new ArrayList<>()).add(Map.of("name", job.name(), "data", data));
            });
        }
        return byMetric;
    }

    private void showTrend() {
        String metric = finalMetric.getValue();
        if (metric == null) {
            trend.setOptions("");
            return;
        }
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (TrainingJob job : jobs) {
            Double value = job.progress().finalMetrics().get(metric);
            if (value != null) {
                names.add(job.name());
                values.add(value);
            }
        }
        trend.setOptions(Curves.trend(metric, names, values));
    }
}
