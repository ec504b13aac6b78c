package com.poseops.platform.ui.components;

import com.vaadin.flow.component.Component;

/**
 * A card on the Overview (the console's home page). A feature contributes one by declaring a Spring bean that
 * implements this interface in its {@code ui} package; the Overview collects every such bean, sorted by
 * {@link #order()}, so the platform never depends on a feature (docs/ARCHITECTURE.md, "Overview cards").
 * <p>
 * {@link #create()} builds the card's content for one page: it reads a bounded amount of data (a page, never a whole
 * table), says what to do when there is nothing to show ({@link EmptyState}), and keeps itself current by subscribing
 * to its service's updates on attach and unsubscribing on detach (updates through {@code UI.access}).
 */
public interface OverviewCard {

    /** Position on the page, lowest first; see the table in docs/ARCHITECTURE.md. */
    int order();

    /** The card's heading, e.g. "Waiting for a decision". */
    String title();

    /** The route of the page the card summarises, e.g. {@code "models"}; the heading links there. */
    String page();

    /** A short id for the card's element ({@code overview-<id>}), e.g. {@code "pending-versions"}. */
    String id();

    /** The card's content, new for each page that shows it. */
    Component create();
}
