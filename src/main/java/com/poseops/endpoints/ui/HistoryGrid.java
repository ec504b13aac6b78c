package com.poseops.endpoints.ui;

import com.poseops.endpoints.Deployment;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The deployment history: who, when, from → to, the policy in few words, the outcome (with by which alarm, by whom,
 * or why) and how long it took.
 */
class HistoryGrid extends Grid<Deployment> {

    private static final DateTimeFormatter SHORT_TIME =
            DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    HistoryGrid(Clock clock) {
        setId("history-grid");
        addColumn(d -> SHORT_TIME.format(d.startedAt())).setHeader("Started").setAutoWidth(true).setFlexGrow(0);
        addColumn(Deployment::startedBy).setHeader("By").setAutoWidth(true).setFlexGrow(0);
        addColumn(d -> d.kind().label()).setHeader("Kind").setAutoWidth(true).setFlexGrow(0);
        addComponentColumn(d -> wrapping((d.from() == null ? "—" : d.from().label()) + " → " + d.to().label()))
                .setHeader("From → to").setFlexGrow(2);
        addComponentColumn(d -> wrapping(policyInBrief(d))).setHeader("Policy").setFlexGrow(2);
        addComponentColumn(d -> {
            Div cell = new Div(EndpointBadges.outcome(d.outcome()));
            if (d.outcomeDetail() != null) {
                Span detail = wrapping(d.outcomeDetail());
                detail.addClassName("outcome-detail");
                detail.getStyle().set("display", "block");
                cell.add(detail);
            }
            cell.getElement().setAttribute("data-outcome", d.outcome().name());
            return cell;
        }).setHeader("Outcome").setFlexGrow(3);
        addColumn(d -> DeploymentPanel.human(d.duration(clock.instant()))).setHeader("Duration").setAutoWidth(true)
                .setFlexGrow(0);
        setAllRowsVisible(true);
        setEmptyStateText("No deployment yet.");
    }

    /** The policy in few words: routing, bake, and whether alarms guarded it. */
    static String policyInBrief(Deployment d) {
        String routing = switch (d.policy().routing()) {
            case ALL_AT_ONCE -> "all at once";
            case CANARY -> "canary " + d.policy().stepPercent() + " %";
            case LINEAR -> "linear " + d.policy().stepPercent() + " % steps";
        };
        return routing + ", bake " + d.policy().waitIntervalSeconds() + " s"
                + (d.policy().terminationWaitSeconds() > 0 ? ", keep old " + d.policy().terminationWaitSeconds() + " s"
                : "") + (d.alarmNames().isEmpty() ? "" : ", alarms on");
    }

    private static Span wrapping(String text) {
        Span span = new Span(text);
        span.getStyle().set("white-space", "normal").set("overflow-wrap", "anywhere");
        return span;
    }
}
