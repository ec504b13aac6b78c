package com.poseops;

import com.poseops.platform.backup.BackupCommand;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.ColorScheme;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.theme.aura.Aura;
import com.vaadin.flow.component.dependency.StyleSheet;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point of the PoseOps console. Server push is on so that long actions can report progress to the page. */
@SpringBootApplication
@Push
@StyleSheet(Aura.STYLESHEET)
@ColorScheme(ColorScheme.Value.LIGHT)
public class PoseOpsApplication implements AppShellConfigurator {

    public static void main(String[] args) {
        if (BackupCommand.handles(args)) {
            System.exit(BackupCommand.run(args, System.out, System.err));
        }
        SpringApplication.run(PoseOpsApplication.class, args);
    }
}
