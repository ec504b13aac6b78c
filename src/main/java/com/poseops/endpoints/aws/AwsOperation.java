package com.poseops.endpoints.aws;

/**
 * Every AWS call the SageMaker control plane makes, with the IAM permission it needs and what a person should check
 * when AWS refuses it as invalid. This table is also the least-privilege policy of the console's role for the
 * endpoints feature (README, "aws mode: IAM permissions").
 */
enum AwsOperation {
    DESCRIBE_ENDPOINT("SageMaker", "DescribeEndpoint", "sagemaker:DescribeEndpoint", "", "EndpointConfig.endpointName"),
    DESCRIBE_ENDPOINT_CONFIG("SageMaker", "DescribeEndpointConfig", "sagemaker:DescribeEndpointConfig", "", ""),
    DESCRIBE_MODEL("SageMaker", "DescribeModel", "sagemaker:DescribeModel", "", ""),
    LIST_TAGS("SageMaker", "ListTags", "sagemaker:ListTags", "", ""),
    LIST_ENDPOINT_CONFIGS("SageMaker", "ListEndpointConfigs", "sagemaker:ListEndpointConfigs", "", ""),
    CREATE_MODEL("SageMaker", "CreateModel", "sagemaker:CreateModel",
            ", sagemaker:AddTags (tags given at creation) and iam:PassRole on EndpointConfig.roleArn",
            "EndpointConfig.roleArn (a SageMaker execution role of this account), InferenceConfig.ecrInferenceImageName "
                    + "(the image must be in this account's ECR) and the version's model.tar.gz"),
    CREATE_ENDPOINT_CONFIG("SageMaker", "CreateEndpointConfig", "sagemaker:CreateEndpointConfig",
            " and sagemaker:AddTags (tags given at creation)",
            "Instance.instanceType, Instance.instanceCount, DataCapture and S3Config.bucketName / S3Config.dataCapture"),
    CREATE_ENDPOINT("SageMaker", "CreateEndpoint", "sagemaker:CreateEndpoint", "",
            "EndpointConfig.endpointName and the account's instance quotas for Instance.instanceType"),
    UPDATE_ENDPOINT("SageMaker", "UpdateEndpoint", "sagemaker:UpdateEndpoint", "",
            "the deployment policy and the rollback alarms"),
    DELETE_ENDPOINT_CONFIG("SageMaker", "DeleteEndpointConfig", "sagemaker:DeleteEndpointConfig", "", ""),
    DELETE_MODEL("SageMaker", "DeleteModel", "sagemaker:DeleteModel", "", ""),
    PUT_METRIC_ALARM("CloudWatch", "PutMetricAlarm", "cloudwatch:PutMetricAlarm", "",
            "ModelMonitoring.threshold and the alarm names"),
    DESCRIBE_ALARMS("CloudWatch", "DescribeAlarms", "cloudwatch:DescribeAlarms", "", ""),
    SET_ALARM_STATE("CloudWatch", "SetAlarmState", "cloudwatch:SetAlarmState", "", "");

    private final String service;
    private final String action;
    private final String permission;
    private final String alsoNeeded;
    private final String whatToCheck;

    AwsOperation(String service, String action, String permission, String alsoNeeded, String whatToCheck) {
        this.service = service;
        this.action = action;
        this.permission = permission;
        this.alsoNeeded = alsoNeeded;
        this.whatToCheck = whatToCheck;
    }

    /** "SageMaker" or "CloudWatch". */
    String service() {
        return service;
    }

    /** The API action, e.g. {@code CreateModel}. */
    String action() {
        return action;
    }

    /** The IAM permission, e.g. {@code sagemaker:CreateModel}. */
    String permission() {
        return permission;
    }

    /** Further permissions the call needs, as a phrase continuing the first (" and …", ", … and …"), or empty. */
    String alsoNeeded() {
        return alsoNeeded;
    }

    /** The settings a validation error of this call most likely comes from, or empty. */
    String whatToCheck() {
        return whatToCheck;
    }
}
