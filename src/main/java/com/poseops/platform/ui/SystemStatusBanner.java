package com.poseops.platform.ui;

import com.poseops.platform.persistence.DataDirectory;
import com.poseops.platform.persistence.DatabaseStatus;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What is wrong with the installation right now, on every page and on the sign-in page: the database restarting (or
 * failed), the data directory running out of space. Hidden while all is well; updated by server push as it changes
 * (one watcher per console in {@link DatabaseStatus} and {@link DataDirectory}; the banner subscribes while attached).
 */
public class SystemStatusBanner extends Div {

    private final DatabaseStatus database;
    private final DataDirectory dataDirectory;
    private DatabaseStatus.@Nullable Subscription databaseSubscription;
    private DatabaseStatus.@Nullable Subscription spaceSubscription;

    public SystemStatusBanner(DatabaseStatus database, DataDirectory dataDirectory) {
        this.database = database;
        this.dataDirectory = dataDirectory;
        setId("system-status");
        getElement().setAttribute("role", "alert");
        getStyle().setPadding("0.25rem 0.75rem").setBorderRadius("0.5rem").setFontWeight("600")
                .setBackgroundColor("var(--aura-red-surface, #fdecea)").setColor("var(--aura-red-text, #b3261e)");
        show(database.current(), dataDirectory.space());
    }

    void show(DatabaseStatus.Snapshot databaseNow, DataDirectory.Space spaceNow) {
        List<String> problems = new ArrayList<>();
        if (!databaseNow.available()) {
            problems.add(databaseNow.message());
        }
        if (spaceNow.low()) {
            problems.add(spaceNow.message(dataDirectory.root()));
        }
        setText(String.join(" ", problems));
        getElement().setAttribute("data-database", databaseNow.state().name());
        setVisible(!problems.isEmpty());
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        UI ui = attachEvent.getUI();
        databaseSubscription = database.subscribe(status -> ui.access(() -> show(status, dataDirectory.space())));
        spaceSubscription = dataDirectory.onSpaceChange(space -> ui.access(() -> show(database.current(), space)));
        show(database.current(), dataDirectory.space());
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (databaseSubscription != null) {
            databaseSubscription.cancel();
            databaseSubscription = null;
        }
        if (spaceSubscription != null) {
            spaceSubscription.cancel();
            spaceSubscription = null;
        }
        super.onDetach(detachEvent);
    }
}
