package com.poseops.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.poseops.platform.audit.AuditEntry.Outcome;
import com.poseops.testsupport.PoseOpsSpringTest;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.server.communication.rpc.EventRpcHandler;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A VIEWER is never shown the Models page's Register button; a forged request that "clicks" it anyway reaches Vaadin's
 * event handler (the code every client event passes through), which drops it — and the refusal is audited.
 */
@PoseOpsSpringTest
// A context of its own, started right before: Spring Boot resets logback whenever another test's context starts
// after a closed one, which detaches the appenders of contexts cached earlier (one context per JVM in production).
@DirtiesContext(classMode = DirtiesContext.ClassMode.BEFORE_CLASS)
class RefusedClientEventAuditTest extends SpringBrowserlessTest {

    @Autowired
    AuditLog auditLog;

    @Test
    @WithMockUser(username = "forger", roles = "VIEWER")
    void aForgedClickOnAHiddenButtonIsRefusedAndAudited() {
        navigate("models", Component.class);
        Button register = (Button) getCurrentView().getElement().getChildren()
                .flatMap(element -> element.getComponent().stream())
                .flatMap(component -> descendants(component).stream())
                .filter(component -> component.getId().filter("register-button"::equals).isPresent())
                .findFirst().orElseThrow(() -> new AssertionError("no Register button on the Models page"));
        assertThat(register.isVisible()).as("the Register button for a VIEWER").isFalse();
        long before = refusals().size();

        // What writing the page's response does: the browser now has the page, the button in it hidden.
        UI.getCurrent().getInternals().getStateTree().collectChanges(change -> { });
        assertThat(register.getElement().getNode().isInactive()).as("the button's node after the response").isTrue();

        ObjectNode forged = JsonMapper.builder().build().createObjectNode();
        forged.put("type", "event");
        forged.put("node", register.getElement().getNode().getId());
        forged.put("event", "click");
        forged.putObject("data");
        assertThat(new EventRpcHandler().handle(UI.getCurrent(), forged)).as("what the framework runs").isEmpty();

        List<AuditEntry> refused = refusals();
        assertThat(refused).hasSize((int) before + 1);
        AuditEntry entry = refused.getFirst();
        assertThat(entry.outcome()).isEqualTo(Outcome.DENIED);
        assertThat(entry.target()).isEqualTo("route:models");
        assertThat(entry.comment()).contains("hidden or disabled Button");
    }

    private List<AuditEntry> refusals() {
        return auditLog.newest(new AuditFilter("forger", RefusedClientEventAuditor.ACTION, null), 100);
    }

    private static List<Component> descendants(Component root) {
        List<Component> all = new java.util.ArrayList<>();
        all.add(root);
        root.getChildren().forEach(child -> all.addAll(descendants(child)));
        return all;
    }
}
