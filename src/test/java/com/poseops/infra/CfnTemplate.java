package com.poseops.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.Yaml;

/**
 * A CloudFormation template under {@code infra/cloudformation/} read as plain YAML (the templates use long-form
 * intrinsic functions for that), with its IAM policy statements found wherever they are: inline and stand-alone
 * role policies, trust policies, bucket, topic and key policies.
 */
public final class CfnTemplate {

    public static final Path DIRECTORY = Path.of("infra", "cloudformation");

    /** Where a policy document sits; a key policy's {@code Resource: "*"} means "this key". */
    public enum PolicyKind {
        IDENTITY, TRUST, BUCKET, TOPIC, KEY
    }

    /**
     * One statement of a policy document.
     *
     * @param resource  the logical id of the resource that holds the policy
     * @param kind      what kind of policy it is
     * @param sid       the statement's Sid ("" when it has none)
     * @param effect    Allow or Deny
     * @param actions   its actions (a single string becomes a one-element list)
     * @param resources its resources as written (strings or intrinsic functions); empty when it names none
     */
    public record Statement(String resource, PolicyKind kind, String sid, String effect, List<String> actions,
            List<Object> resources, Map<String, Object> raw) {

        public boolean allows() {
            return "Allow".equals(effect);
        }

        public boolean onEveryResource() {
            return resources.contains("*");
        }

        public String where() {
            return resource + (sid.isEmpty() ? "" : " statement Sid " + sid);
        }
    }

    private final Path path;
    private final Map<String, Object> root;

    private CfnTemplate(Path path, Map<String, Object> root) {
        this.path = path;
        this.root = root;
    }

    public static CfnTemplate read(Path path) {
        try {
            return parse(path, Files.readString(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A template from text (tests change copies of the real templates to show that the checks fail). */
    public static CfnTemplate parse(Path path, String yaml) {
        Map<String, Object> root = new Yaml().load(yaml);
        return new CfnTemplate(path, root);
    }

    /** Every template of the project. */
    public static List<CfnTemplate> all() {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return files.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted()
                    .map(CfnTemplate::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path path() {
        return path;
    }

    /** Logical id → resource, in file order. */
    public Map<String, Map<String, Object>> resources() {
        Map<String, Map<String, Object>> resources = new LinkedHashMap<>();
        map(root.get("Resources")).forEach((id, resource) -> resources.put(id, map(resource)));
        return resources;
    }

    /** Logical id → properties of the resources of one type. */
    public Map<String, Map<String, Object>> propertiesOf(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        resources().forEach((id, resource) -> {
            if (type.equals(resource.get("Type"))) {
                Object properties = resource.get("Properties");
                found.put(id, properties == null ? Map.of() : map(properties));
            }
        });
        return found;
    }

    /** Every IAM statement in the template. */
    public List<Statement> statements() {
        List<Statement> statements = new ArrayList<>();
        resources().forEach((id, resource) -> {
            Map<String, Object> properties = resource.get("Properties") == null ? Map.of() : map(resource.get("Properties"));
            switch (String.valueOf(resource.get("Type"))) {
                case "AWS::IAM::Role" -> {
                    add(statements, id, PolicyKind.TRUST, properties.get("AssumeRolePolicyDocument"));
                    for (Object policy : list(properties.get("Policies"))) {
                        add(statements, id, PolicyKind.IDENTITY, map(policy).get("PolicyDocument"));
                    }
                }
                case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy" ->
                        add(statements, id, PolicyKind.IDENTITY, properties.get("PolicyDocument"));
                case "AWS::S3::BucketPolicy" -> add(statements, id, PolicyKind.BUCKET, properties.get("PolicyDocument"));
                case "AWS::SNS::TopicPolicy" -> add(statements, id, PolicyKind.TOPIC, properties.get("PolicyDocument"));
                case "AWS::KMS::Key" -> add(statements, id, PolicyKind.KEY, properties.get("KeyPolicy"));
                default -> {
                }
            }
        });
        return statements;
    }

    /** The statements of one identity policy resource (e.g. {@code ConsolePolicy}). */
    public List<Statement> statementsOf(String resourceId) {
        return statements().stream().filter(s -> s.resource().equals(resourceId)).toList();
    }

    private static void add(List<Statement> into, String resourceId, PolicyKind kind, @Nullable Object document) {
        if (document == null) {
            return;
        }
        for (Object item : list(map(document).get("Statement"))) {
            Map<String, Object> statement = map(item);
            List<String> actions = new ArrayList<>();
            for (Object action : list(statement.get("Action"))) {
                actions.add(String.valueOf(action));
            }
            into.add(new Statement(resourceId, kind, statement.get("Sid") == null ? "" : (String) statement.get("Sid"),
                    String.valueOf(statement.get("Effect")), actions, list(statement.get("Resource")), statement));
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        if (!(value instanceof Map)) {
            throw new IllegalStateException("Expected a mapping in the template, found " + value);
        }
        return (Map<String, Object>) value;
    }

    /** A YAML value as a list: null → empty, a scalar or mapping → one element. */
    @SuppressWarnings("unchecked")
    static List<Object> list(@Nullable Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> items) {
            return (List<Object>) items;
        }
        return List.of(value);
    }
}
