package com.poseops.platform.ui;

import com.poseops.platform.config.AwsSettings;
import com.poseops.platform.config.ConfigFileEnvironmentPostProcessor;
import com.poseops.platform.config.EndpointConfigSettings;
import com.poseops.platform.config.EvaluationSettings;
import com.poseops.platform.config.InstanceSettings;
import com.poseops.platform.config.PoseOpsSettings;
import com.poseops.platform.config.S3Settings;
import com.poseops.platform.config.SecuritySettings;
import com.poseops.platform.security.Role;
import com.poseops.platform.security.SignInLocks;
import com.poseops.platform.ui.components.StatusBadge;
import com.poseops.platform.ui.components.Tone;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.core.env.Environment;

/** Administration: the effective configuration (never a secret) and the accounts that may sign in. */
@Route("admin/system")
@PageTitle("System · PoseOps")
@Menu(order = 90, title = "System", icon = "vaadin:cog")
@RolesAllowed(Role.ADMIN_NAME)
class SystemView extends VerticalLayout {

    record Setting(String key, String value) {
    }

    record Account(String username, String roles) {
    }

    SystemView(PoseOpsSettings settings, AwsSettings aws, EndpointConfigSettings endpoint, InstanceSettings instance,
            S3Settings s3, SecuritySettings security, EvaluationSettings evaluation, Environment environment,
            SignInLocks signInLocks) {
        add(new H2("System"));
        // config.yml's set is the default; a dataset chosen on the Models page takes its place (decision 0073).
        StatusBadge evaluationState = evaluation.enabled()
                ? StatusBadge.of("Evaluation on", Tone.SUCCESS) : StatusBadge.of("No default evaluation set",
                Tone.WARNING);
        evaluationState.setId("evaluation-state");
        evaluationState.getElement().setAttribute("title", evaluation.enabled()
                ? "Registered versions are evaluated on the images in Evaluation.imagesDir unless a dataset is chosen "
                + "on the Models page"
                : "Evaluation.imagesDir is empty: versions are evaluated on the dataset chosen on the Models page, "
                + "and get no metrics until a DEPLOYER uploads or picks one there");
        add(new HorizontalLayout(StatusBadge.of(settings.mode().label() + " mode", Tone.NEUTRAL), evaluationState));

        Map<String, String> values = new TreeMap<>();
        values.put("config file", environment.getProperty(ConfigFileEnvironmentPostProcessor.CONFIG_FILE_PROPERTY,
                "(embedded defaults)"));
        values.put("PoseOps.mode", settings.mode().label());
        values.put("PoseOps.dataDir", settings.dataDirectory().toString());
        values.put("PoseOps.modelPath", settings.modelPath() == null ? "" : settings.modelPath());
        values.put("Aws.region", aws.region());
        values.put("Aws.endpoint", aws.endpoint() == null ? "" : aws.endpoint());
        values.put("Aws.createResources", aws.createResources().toString());
        values.put("Aws.tablePrefix", aws.tablePrefix());
        values.put("EndpointConfig.endpointName", endpoint.endpointName());
        values.put("Instance.instanceType", instance.instanceType());
        values.put("Instance.instanceCount", instance.instanceCount().toString());
        values.put("S3Config.bucketName", s3.bucketName());
        values.put("Evaluation.imagesDir", evaluation.imagesDir().isBlank()
                ? "(empty: the dataset chosen on the Models page)"
                : evaluation.imagesDir());
        values.put("Evaluation.truthCsv", evaluation.truthCsv());
        values.put("Evaluation.images", String.join(", ", evaluation.images()));
        values.put("Security.adminPassword", security.adminPassword() == null ? "(generated, stored hashed)" : "(set)");
        List<Setting> rows = new ArrayList<>();
        values.forEach((key, value) -> rows.add(new Setting(key, value)));

        Grid<Setting> configuration = new Grid<>();
        configuration.setId("configuration");
        configuration.addColumn(Setting::key).setHeader("Key").setAutoWidth(true);
        configuration.addColumn(Setting::value).setHeader("Value").setFlexGrow(1);
        configuration.setItems(rows);
        configuration.setAllRowsVisible(true);

        List<Account> accounts = new ArrayList<>();
        accounts.add(new Account("admin", "ADMIN"));
        security.users().forEach(user -> accounts.add(new Account(user.username(),
                user.roles().stream().map(Role::name).sorted().reduce((a, b) -> a + ", " + b).orElse(""))));
        Grid<Account> users = new Grid<>();
        users.setId("accounts");
        users.addColumn(Account::username).setHeader("User");
        users.addColumn(Account::roles).setHeader("Roles");
        users.setItems(accounts);
        users.setAllRowsVisible(true);

        add(new H3("Configuration"), configuration, new H3("Accounts"), users, new SignInLocksPanel(signInLocks));
    }
}
