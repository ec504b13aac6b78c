package com.poseops.platform.ui;

import com.poseops.platform.ui.components.OverviewCard;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.card.Card;
import com.vaadin.flow.component.card.CardVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import com.vaadin.flow.server.menu.MenuConfiguration;

/**
 * The home page: one card per {@link OverviewCard} bean, whichever features contribute them (versions waiting for a
 * decision, recent audit entries, this installation, and what the endpoints, training and monitoring features add).
 * Each card's heading links to its page; each card keeps itself current.
 */
@Route("")
@PageTitle("Overview · PoseOps")
@Menu(order = 0, title = "Overview", icon = "vaadin:dashboard")
@PermitAll
class OverviewView extends VerticalLayout {

    OverviewView(List<OverviewCard> cards) {
        setId("overview");
        add(new H2("Overview"));
        Div board = new Div();
        board.setId("overview-cards");
        board.setWidthFull();
        // As many columns of at least 20rem as fit: one column on a phone, three on a wide screen.
        board.getStyle().setDisplay(com.vaadin.flow.dom.Style.Display.GRID)
                .set("grid-template-columns", "repeat(auto-fill, minmax(min(100%, 20rem), 1fr))")
                .set("gap", "var(--vaadin-gap-m, 1rem)").set("align-items", "start");
        // The pages this user may open (the menu lists only those): a card's heading links only to one of them.
        Set<String> openable = MenuConfiguration.getMenuEntries().stream()
                .map(entry -> entry.path().replaceAll("^/+", "")).collect(Collectors.toSet());
        cards.stream().sorted(Comparator.comparingInt(OverviewCard::order).thenComparing(OverviewCard::id))
                .map(card -> frame(card, openable.contains(card.page()))).forEach(board::add);
        add(board);
    }

    private static Component frame(OverviewCard card, boolean linked) {
        Card frame = new Card();
        frame.setId("overview-" + card.id());
        frame.addClassName("overview-card");
        frame.addThemeVariants(CardVariant.OUTLINED);
        if (linked) {
            Anchor title = new Anchor(card.page(), card.title());
            title.getElement().setAttribute("router-link", true);
            title.addClassName("overview-card-link");
            frame.setTitle(title);
        } else {
            frame.setTitle(card.title());
        }
        frame.add(card.create());
        return frame;
    }
}
