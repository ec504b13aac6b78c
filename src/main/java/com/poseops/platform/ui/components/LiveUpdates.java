package com.poseops.platform.ui.components;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import java.util.function.Function;

/**
 * Ties a subscription to a component's time on a page: subscribe when it is attached, unsubscribe when it is
 * detached (also when the page is closed), so that a service never keeps a listener for a page nobody sees.
 *
 * <pre>{@code
 * LiveUpdates.subscribe(this, ui -> service.onChange(change -> ui.access(() -> show(change))));
 * }</pre>
 */
public final class LiveUpdates {

    private LiveUpdates() {
    }

    /**
     * @param subscribe called on every attach with the page's UI; returns what ends the subscription
     */
    public static void subscribe(Component component, Function<UI, Runnable> subscribe) {
        Runnable[] active = new Runnable[1];
        component.addAttachListener(attach -> {
            if (active[0] != null) {
                active[0].run();
            }
            active[0] = subscribe.apply(attach.getUI());
        });
        component.addDetachListener(detach -> {
            if (active[0] != null) {
                active[0].run();
                active[0] = null;
            }
        });
    }
}
