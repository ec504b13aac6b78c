package com.poseops;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point of the PoseOps console. Server push is on so that long actions can report progress to the page. */
@SpringBootApplication
@Push
public class PoseOpsApplication implements AppShellConfigurator {

    public static void main(String[] args) {
        SpringApplication.run(PoseOpsApplication.class, args);
    }
}
