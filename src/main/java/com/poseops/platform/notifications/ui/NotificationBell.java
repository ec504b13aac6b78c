package com.poseops.platform.notifications.ui;

import com.poseops.platform.notifications.Delivery;
import com.poseops.platform.notifications.Notification;
import com.poseops.platform.notifications.NotificationCenter;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.popover.Popover;
import com.vaadin.flow.component.popover.PopoverPosition;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The notification centre in the header: a bell with the signed-in person's unread count, and a popover with the
 * newest notifications (what happened, the lines that matter, where to look, and whether the webhook or the SNS topic
 * got it). Every open page shows changes at once: the bell subscribes to the one {@link NotificationCenter} while
 * attached and redraws with server push. Opening it marks everything shown as read, on every page of that person.
 */
public final class NotificationBell extends Composite<Div> {

    static final int SHOWN = 30;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final NotificationCenter center;
    private final String username;
    private final Button bell = new Button(VaadinIcon.BELL.create());
    private final Span count = new Span();
    private final Div list = new Div();
    private final Span channel = new Span();
    private @Nullable Runnable unsubscribe;

    public NotificationBell(NotificationCenter center, String username) {
        this.center = center;
        this.username = username;
        bell.setId("notification-bell");
        bell.addThemeVariants(ButtonVariant.TERTIARY);
        bell.addClickListener(click -> {
            center.markAllRead(username);
            render(); // this page at once; the person's other pages hear it from the centre
        });
        count.setId("notification-count");
        count.getElement().getThemeList().add("badge error primary small pill");
        count.getStyle().setMarginInlineStart("-0.9em").setAlignSelf(com.vaadin.flow.dom.Style.AlignSelf.FLEX_START);
        list.setId("notification-list");
        list.getStyle().setMaxHeight("60vh").setOverflow(com.vaadin.flow.dom.Style.Overflow.AUTO).setWidth("28rem");
        channel.setId("notification-channel");
        channel.getStyle().setFontSize("var(--aura-font-size-s, 0.85rem)");

        Span heading = new Span("Notifications");
        heading.getStyle().setFontWeight("bold");
        Div header = new Div(heading, channel);
        header.getStyle().setDisplay(com.vaadin.flow.dom.Style.Display.FLEX)
                .setJustifyContent(com.vaadin.flow.dom.Style.JustifyContent.SPACE_BETWEEN).setGap("1em");
        Popover popover = new Popover(header, list);
        popover.setId("notification-popover");
        popover.setTarget(bell);
        popover.setPosition(PopoverPosition.BOTTOM_END);
        popover.setAriaLabel("Notifications");

        Div root = getContent();
        root.getStyle().setDisplay(com.vaadin.flow.dom.Style.Display.FLEX)
                .setAlignItems(com.vaadin.flow.dom.Style.AlignItems.CENTER);
        root.add(bell, count, popover);
        render();
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        UI ui = attachEvent.getUI();
        unsubscribe = center.subscribe(() -> ui.access(this::render));
        render();
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (unsubscribe != null) {
            unsubscribe.run();
            unsubscribe = null;
        }
        super.onDetach(detachEvent);
    }

    /** Redraws the count and the list from the centre's memory (no database call). */
    void render() {
        int unread = center.unreadCount(username);
        count.setText(unread > 99 ? "99+" : Integer.toString(unread));
        count.setVisible(unread > 0);
        bell.setAriaLabel(unread == 0 ? "Notifications, none unread" : "Notifications, " + unread + " unread");
        bell.setTooltipText(unread == 0 ? "Notifications" : unread + " unread notifications");
        channel.setText(center.channelName().map(name -> "also sent to the " + name).orElse("shown here only"));

        list.removeAll();
        List<Notification> notifications = center.recent(SHOWN);
        if (notifications.isEmpty()) {
            Span empty = new Span("Nothing yet. Decisions, deployments, training jobs and latency violations appear here.");
            empty.setId("notification-empty");
            list.add(empty);
        }
        notifications.forEach(notification -> list.add(item(notification)));
    }

    Span countBadge() {
        return count;
    }

    Button bellButton() {
        return bell;
    }

    /** The items the popover lists, newest first. */
    List<Div> items() {
        return list.getChildren().filter(Div.class::isInstance).map(Div.class::cast).toList();
    }

    private static Div item(Notification notification) {
        Div item = new Div();
        item.addClassName("notification");
        item.getElement().setAttribute("data-kind", notification.kind().name());
        item.getElement().setAttribute("data-delivery", notification.delivery().state().name());
        item.getStyle().setPadding("0.5em 0").set("border-bottom", "1px solid var(--vaadin-border-color, #ddd)");

        Span title = new Span(notification.title());
        title.addClassName("notification-title");
        title.getStyle().setFontWeight("600").setDisplay(com.vaadin.flow.dom.Style.Display.BLOCK);
        Span when = new Span(TIME.format(notification.at().atZone(ZoneId.systemDefault())));
        when.getStyle().setFontSize("var(--aura-font-size-s, 0.85rem)");
        item.add(title, when);
        for (String line : notification.lines()) {
            Div text = new Div(line.strip());
            text.addClassName("notification-line");
            if (line.startsWith("  ")) {
                text.getStyle().set("padding-inline-start", "1em");
            }
            item.add(text);
        }
        if (notification.path() != null) {
            Anchor open = new Anchor(notification.path(), "Open");
            item.add(new Div(open));
        }
        Span delivery = new Span(notification.delivery().describe());
        delivery.addClassName("notification-delivery");
        delivery.getStyle().setFontSize("var(--aura-font-size-s, 0.85rem)");
        if (notification.delivery().state() == Delivery.State.FAILED) {
            delivery.getElement().getThemeList().add("badge error");
        }
        item.add(new Div(delivery));
        return item;
    }
}
