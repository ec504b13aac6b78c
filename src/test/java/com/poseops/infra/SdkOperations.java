package com.poseops.infra;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one table from "a method called on an AWS SDK type" to "the IAM actions that call needs". Three kinds of SDK
 * types make AWS calls:
 * <ul>
 * <li>service clients ({@code software.amazon.awssdk.services.<svc>.<Svc>Client}, also {@code …AsyncClient}): the
 * method is the operation ({@code describeEndpoint} → DescribeEndpoint; {@code …Paginator} and {@code …AsBytes}
 * variants call the same operation), the IAM prefix comes from {@link #SERVICE_PREFIXES};</li>
 * <li>the DynamoDB enhanced client's tables and indexes ({@link #ENHANCED_DYNAMODB});</li>
 * <li>waiters ({@link #WAITERS}), which poll a describe operation.</li>
 * </ul>
 * Where an IAM action is named differently from the operation (S3 above all), {@link #IAM_ACTIONS} says so. A method
 * this class cannot place makes {@link #actionsFor} throw with what to add here, so a new kind of call never slips
 * through unchecked.
 */
public final class SdkOperations {

    /** SDK service package → IAM service prefix. */
    static final Map<String, String> SERVICE_PREFIXES = Map.ofEntries(
            Map.entry("dynamodb", "dynamodb"),
            Map.entry("s3", "s3"),
            Map.entry("sagemaker", "sagemaker"),
            Map.entry("sagemakerruntime", "sagemaker"),
            Map.entry("cloudwatch", "cloudwatch"),
            Map.entry("cloudwatchlogs", "logs"),
            Map.entry("sns", "sns"),
            Map.entry("sqs", "sqs"),
            Map.entry("ecr", "ecr"),
            Map.entry("sts", "sts"),
            Map.entry("secretsmanager", "secretsmanager"),
            Map.entry("eventbridge", "events"),
            Map.entry("ssm", "ssm"),
            Map.entry("iam", "iam"),
            Map.entry("ec2", "ec2"));

    /** Operations whose IAM action has another name, or that need more than one action. */
    static final Map<String, List<String>> IAM_ACTIONS = Map.ofEntries(
            Map.entry("s3:HeadBucket", List.of("s3:ListBucket")),
            Map.entry("s3:HeadObject", List.of("s3:GetObject")),
            Map.entry("s3:ListObjects", List.of("s3:ListBucket")),
            Map.entry("s3:ListObjectsV2", List.of("s3:ListBucket")),
            Map.entry("s3:ListObjectVersions", List.of("s3:ListBucketVersions")),
            Map.entry("s3:DeleteObjects", List.of("s3:DeleteObject")),
            Map.entry("s3:CopyObject", List.of("s3:GetObject", "s3:PutObject")),
            Map.entry("s3:CreateMultipartUpload", List.of("s3:PutObject")),
            Map.entry("s3:UploadPart", List.of("s3:PutObject")),
            Map.entry("s3:CompleteMultipartUpload", List.of("s3:PutObject")),
            Map.entry("s3:AbortMultipartUpload", List.of("s3:AbortMultipartUpload")),
            Map.entry("s3:GetObjectAttributes", List.of("s3:GetObject", "s3:GetObjectAttributes")),
            // A Create… request with Tags also needs AddTags on the new resource (PoseOps tags these three), and one
            // that names the execution role needs iam:PassRole on it.
            Map.entry("sagemaker:CreateModel", List.of("sagemaker:CreateModel", "sagemaker:AddTags", "iam:PassRole")),
            Map.entry("sagemaker:CreateEndpointConfig", List.of("sagemaker:CreateEndpointConfig", "sagemaker:AddTags")),
            Map.entry("sagemaker:CreateTrainingJob",
                    List.of("sagemaker:CreateTrainingJob", "sagemaker:AddTags", "iam:PassRole")));

    /** Methods of the DynamoDB enhanced client's tables/indexes → the DynamoDB operation they send (null: none). */
    static final Map<String, String> ENHANCED_DYNAMODB = Map.ofEntries(
            Map.entry("getItem", "GetItem"),
            Map.entry("putItem", "PutItem"),
            Map.entry("updateItem", "UpdateItem"),
            Map.entry("deleteItem", "DeleteItem"),
            Map.entry("query", "Query"),
            Map.entry("scan", "Scan"),
            Map.entry("createTable", "CreateTable"),
            Map.entry("deleteTable", "DeleteTable"),
            Map.entry("describeTable", "DescribeTable"),
            Map.entry("batchGetItem", "BatchGetItem"),
            Map.entry("batchWriteItem", "BatchWriteItem"),
            Map.entry("transactGetItems", "TransactGetItems"),
            Map.entry("transactWriteItems", "TransactWriteItems"));

    /** Enhanced-client methods that only build objects locally. */
    static final Set<String> ENHANCED_LOCAL = Set.of("table", "index", "tableName", "indexName", "tableSchema",
            "keyFrom", "mapperExtension", "builder", "create");

    /** {@code <svc>:<waiter method>} → the operation the waiter polls. */
    static final Map<String, String> WAITERS = Map.ofEntries(
            Map.entry("dynamodb:waitUntilTableExists", "DescribeTable"),
            Map.entry("dynamodb:waitUntilTableNotExists", "DescribeTable"),
            Map.entry("sagemaker:waitUntilEndpointInService", "DescribeEndpoint"),
            Map.entry("sagemaker:waitUntilEndpointDeleted", "DescribeEndpoint"),
            Map.entry("sagemaker:waitUntilTrainingJobCompletedOrStopped", "DescribeTrainingJob"),
            Map.entry("s3:waitUntilBucketExists", "HeadBucket"),
            Map.entry("s3:waitUntilObjectExists", "HeadObject"));

    /** Client methods that are not operations. */
    static final Set<String> CLIENT_LOCAL = Set.of("close", "serviceName", "serviceClientConfiguration", "utilities",
            "waiter", "create", "builder");

    /** {@code S3Presigner} methods → the action the presigned request will need. */
    static final Map<String, String> PRESIGNER = Map.of(
            "presignGetObject", "s3:GetObject",
            "presignPutObject", "s3:PutObject",
            "presignDeleteObject", "s3:DeleteObject");

    private static final String SERVICES = "software.amazon.awssdk.services.";
    private static final String ENHANCED = "software.amazon.awssdk.enhanced.dynamodb.";

    private SdkOperations() {
    }

    /**
     * The IAM actions a call of {@code method} on {@code ownerClass} needs; empty when the owner is not an SDK type
     * that calls AWS (a model class, a builder) or the method calls nothing.
     *
     * @throws IllegalStateException when the owner calls AWS but this class cannot map the method (add it here)
     */
    public static Optional<List<String>> actionsFor(String ownerClass, String method) {
        if (ownerClass.startsWith(ENHANCED)) {
            String simple = ownerClass.substring(ENHANCED.length());
            if (!Set.of("DynamoDbTable", "DynamoDbIndex", "DynamoDbEnhancedClient", "MappedTableResource",
                    "DynamoDbAsyncTable", "DynamoDbAsyncIndex", "DynamoDbEnhancedAsyncClient").contains(simple)) {
                return Optional.empty();
            }
            if (ENHANCED_LOCAL.contains(method)) {
                return Optional.of(List.of());
            }
            String operation = ENHANCED_DYNAMODB.get(method);
            if (operation == null) {
                throw unknown(ownerClass, method, "ENHANCED_DYNAMODB (or ENHANCED_LOCAL if it sends nothing)");
            }
            return Optional.of(List.of("dynamodb:" + operation));
        }
        if (!ownerClass.startsWith(SERVICES)) {
            return Optional.empty();
        }
        String rest = ownerClass.substring(SERVICES.length()); // e.g. sagemaker.SageMakerClient
        String[] parts = rest.split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        String servicePackage = parts[0];
        String simpleName = parts[parts.length - 1];
        boolean client = parts.length == 2 && (simpleName.endsWith("Client") || simpleName.endsWith("AsyncClient"));
        boolean waiter = parts.length == 3 && "waiters".equals(parts[1]) && simpleName.endsWith("Waiter");
        boolean presigner = parts.length == 3 && "presigner".equals(parts[1]) && simpleName.endsWith("Presigner");
        if (!client && !waiter && !presigner) {
            return Optional.empty();
        }
        String prefix = SERVICE_PREFIXES.get(servicePackage);
        if (prefix == null) {
            throw new IllegalStateException("No IAM prefix known for the SDK service package '" + servicePackage
                    + "' (" + ownerClass + "). Add it to SdkOperations.SERVICE_PREFIXES.");
        }
        if (presigner) {
            if (CLIENT_LOCAL.contains(method)) {
                return Optional.of(List.of());
            }
            String action = PRESIGNER.get(method);
            if (action == null) {
                throw unknown(ownerClass, method, "PRESIGNER");
            }
            return Optional.of(List.of(action));
        }
        if (CLIENT_LOCAL.contains(method)) {
            return Optional.of(List.of());
        }
        String operation;
        if (waiter) {
            operation = WAITERS.get(prefix + ":" + method);
            if (operation == null) {
                throw unknown(ownerClass, method, "WAITERS (the operation the waiter polls)");
            }
        } else {
            operation = operationName(method);
        }
        String action = prefix + ":" + operation;
        return Optional.of(IAM_ACTIONS.getOrDefault(action, List.of(action)));
    }

    /** {@code listTrainingJobsPaginator} → ListTrainingJobs; {@code getObjectAsBytes} → GetObject. */
    static String operationName(String method) {
        String name = method;
        for (String suffix : List.of("Paginator", "AsBytes")) {
            if (name.endsWith(suffix) && name.length() > suffix.length()) {
                name = name.substring(0, name.length() - suffix.length());
            }
        }
        return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }

    private static IllegalStateException unknown(String ownerClass, String method, String table) {
        return new IllegalStateException("The console calls " + ownerClass + "." + method
                + "(), which SdkOperations cannot map to IAM actions. Add the method to SdkOperations." + table + ".");
    }
}
