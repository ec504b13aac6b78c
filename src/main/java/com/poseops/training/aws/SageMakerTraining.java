package com.poseops.training.aws;

import com.poseops.inference.training.TrainerMetrics;
import com.poseops.platform.aws.AwsClients;
import com.poseops.platform.aws.InferenceImage;
import com.poseops.platform.config.EndpointConfigSettings;
import com.poseops.platform.config.InferenceConfigSettings;
import com.poseops.platform.config.S3Settings;
import com.poseops.platform.config.TrainingSettings;
import com.poseops.training.JobChannel;
import com.poseops.training.JobProgress;
import com.poseops.training.MetricPoint;
import com.poseops.training.StatusTransition;
import com.poseops.training.TrainingBackend;
import com.poseops.training.TrainingJob;
import com.poseops.training.TrainingStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.Channel;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.ListTrainingJobsResponse;
import software.amazon.awssdk.services.sagemaker.model.MetricDefinition;
import software.amazon.awssdk.services.sagemaker.model.S3DataDistribution;
import software.amazon.awssdk.services.sagemaker.model.S3DataType;
import software.amazon.awssdk.services.sagemaker.model.SortBy;
import software.amazon.awssdk.services.sagemaker.model.SortOrder;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.TrainingInputMode;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobSummary;

/**
 * aws mode's training backend: SageMaker training jobs running the image's {@code train} program.
 * <ul>
 * <li>start: {@code CreateTrainingJob} with the training image ({@code Training.image}, else the inference image in the
 * role's account), the trainer's metric definitions, the hyperparameters, one S3 channel per input (datasets under
 * {@code S3Config.inputDir}, the model to calibrate as its {@code model.tar.gz}), output under
 * {@code s3://<bucket>/<S3Config.modelDir>training/}, {@code Training.*} instances and volume, MaxRuntimeInSeconds and
 * the role ({@code Training.roleArn}, else {@code EndpointConfig.roleArn});</li>
 * <li>progress: {@code DescribeTrainingJob} (status, SecondaryStatusTransitions, FinalMetricDataList, FailureReason,
 * S3ModelArtifacts); curves: CloudWatch {@code /aws/sagemaker/TrainingJobs}, dimension TrainingJobName;</li>
 * <li>{@code StopTrainingJob}; {@code ListTrainingJobs}, paged.</li>
 * </ul>
 * The SDK retries throttling and server errors with backoff; what still fails reaches the service as an exception.
 */
public final class SageMakerTraining implements TrainingBackend, AutoCloseable {

    static final String METRICS_NAMESPACE = "/aws/sagemaker/TrainingJobs";
    static final String STARTED_BY_TAG = "poseops:started-by";

    private final SageMakerClient sageMaker;
    private final CloudWatchClient cloudWatch;
    private final TrainingSettings settings;
    private final S3Settings s3;
    private final String roleArn;
    private final String image;

    public SageMakerTraining(AwsClients aws, TrainingSettings settings, S3Settings s3,
            EndpointConfigSettings endpointConfig, InferenceConfigSettings inferenceConfig) {
        this.sageMaker = aws.build(SageMakerClient.builder());
        this.cloudWatch = aws.build(CloudWatchClient.builder());
        this.settings = settings;
        this.s3 = s3;
        this.roleArn = settings.roleArn().isBlank() ? endpointConfig.roleArn() : settings.roleArn();
        // The inference image holds the trainer too (its "train" program), in the role's account.
        this.image = settings.image().isBlank()
                ? InferenceImage.uri(roleArn.split(":")[4], aws.region(), inferenceConfig.ecrInferenceImageName())
                : settings.image();
    }

    public String image() {
        return image;
    }

    /** Where jobs write: {@code s3://<bucket>/<modelDir>training/}. */
    String outputPath() {
        return "s3://" + s3.bucketName() + "/" + S3Settings.key(s3.modelDir(), "training/");
    }

    @Override
    public void start(TrainingJob job) {
        List<Channel> channels = new ArrayList<>();
        for (JobChannel channel : job.channels()) {
            channels.add(Channel.builder().channelName(channel.name())
                    .dataSource(source -> source.s3DataSource(s3Source -> s3Source
                            .s3DataType(S3DataType.S3_PREFIX)
                            .s3Uri(channel.uri())
                            .s3DataDistributionType(S3DataDistribution.FULLY_REPLICATED)))
                    .inputMode(TrainingInputMode.FILE)
                    .build());
        }
        List<MetricDefinition> definitions = job.metricDefinitions().stream()
                .map(d -> MetricDefinition.builder().name(d.name()).regex(d.regex()).build()).toList();
        sageMaker.createTrainingJob(request -> request
                .trainingJobName(job.name())
                .algorithmSpecification(spec -> spec.trainingImage(image).trainingInputMode(TrainingInputMode.FILE)
                        .metricDefinitions(definitions))
                .roleArn(roleArn)
                .hyperParameters(job.hyperparameters())
                .inputDataConfig(channels)
                .outputDataConfig(output -> output.s3OutputPath(outputPath()))
                .resourceConfig(resources -> resources.instanceType(job.instanceType())
                        .instanceCount(settings.instanceCount()).volumeSizeInGB(settings.volumeSizeGb()))
                .stoppingCondition(stop -> stop.maxRuntimeInSeconds(job.maxRuntimeSeconds()))
                .tags(Tag.builder().key(STARTED_BY_TAG).value(tagValue(job.startedBy())).build()));
    }

    @Override
    public Optional<JobProgress> describe(TrainingJob job) {
        DescribeTrainingJobResponse described;
        try {
            described = sageMaker.describeTrainingJob(r -> r.trainingJobName(job.name()));
        } catch (AwsServiceException e) {
            if (isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
        List<StatusTransition> transitions = new ArrayList<>();
        if (described.hasSecondaryStatusTransitions()) {
            described.secondaryStatusTransitions().forEach(t -> transitions.add(new StatusTransition(
                    t.statusAsString(), t.startTime(), t.endTime(), t.statusMessage() == null ? "" : t.statusMessage())));
        }
        Map<String, Double> finalMetrics = new LinkedHashMap<>();
        if (described.hasFinalMetricDataList()) {
            described.finalMetricDataList().forEach(m -> finalMetrics.put(m.metricName(), m.value().doubleValue()));
        }
        TrainingStatus status = TrainingStatus.fromSageMaker(described.trainingJobStatusAsString());
        String artifact = status == TrainingStatus.COMPLETED && described.modelArtifacts() != null
                ? described.modelArtifacts().s3ModelArtifacts() : null;
        return Optional.of(new JobProgress(status, described.secondaryStatusAsString(), transitions, finalMetrics,
                described.failureReason(), artifact,
                described.trainingStartTime() != null ? described.trainingStartTime() : described.creationTime(),
                described.trainingEndTime()));
    }

    /**
     * The job's curves from CloudWatch: one query per metric definition, values in time order; the n-th value of a
     * metric is its n-th epoch. Jobs of the last three hours are read at one-second resolution, older ones per minute
     * (CloudWatch's own limit).
     */
    @Override
    public List<MetricPoint> metrics(TrainingJob job) {
        List<TrainerMetrics.Definition> definitions = job.metricDefinitions();
        if (definitions.isEmpty()) {
            return List.of();
        }
        Instant start = job.createdAt().minus(Duration.ofMinutes(1));
        Instant end = job.progress().endedAt() != null ? job.progress().endedAt().plus(Duration.ofMinutes(5))
                : Instant.now().plus(Duration.ofMinutes(1));
        int period = Duration.between(job.createdAt(), Instant.now()).compareTo(Duration.ofHours(3)) < 0 ? 1 : 60;
        List<MetricDataQuery> queries = new ArrayList<>();
        for (int i = 0; i < definitions.size(); i++) {
            String metricName = definitions.get(i).name();
            queries.add(MetricDataQuery.builder().id("m" + i).label(metricName)
                    .metricStat(stat -> stat.period(period).stat("Average")
                            .metric(metric -> metric.namespace(METRICS_NAMESPACE).metricName(metricName)
                                    .dimensions(d -> d.name("TrainingJobName").value(job.name()))))
                    .returnData(true).build());
        }
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        String token = null;
        do {
            String pageToken = token;
            GetMetricDataResponse page = cloudWatch.getMetricData(r -> r.metricDataQueries(queries).startTime(start)
                    .endTime(end).scanBy(ScanBy.TIMESTAMP_ASCENDING).nextToken(pageToken));
            for (MetricDataResult result : page.metricDataResults()) {
                String metricName = definitions.get(Integer.parseInt(result.id().substring(1))).name();
                List<double[]> values = series.computeIfAbsent(metricName, m -> new ArrayList<>());
                for (int i = 0; i < result.timestamps().size(); i++) {
                    values.add(new double[] {result.timestamps().get(i).toEpochMilli(), result.values().get(i)});
                }
            }
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        List<MetricPoint> points = new ArrayList<>();
        series.forEach((metric, values) -> {
            values.sort(Comparator.comparingDouble(v -> v[0]));
            for (int i = 0; i < values.size(); i++) {
                points.add(new MetricPoint(metric, i, values.get(i)[1], Instant.ofEpochMilli((long) values.get(i)[0])));
            }
        });
        return points;
    }

    @Override
    public void stop(TrainingJob job) {
        sageMaker.stopTrainingJob(r -> r.trainingJobName(job.name()));
    }

    @Override
    public String logTail(TrainingJob job, int lines) {
        return "SageMaker keeps this job's output in CloudWatch Logs, log group /aws/sagemaker/TrainingJobs, streams "
                + job.name() + "/algo-*.";
    }

    @Override
    public List<JobSummary> list(int max) {
        List<JobSummary> jobs = new ArrayList<>();
        String token = null;
        do {
            String pageToken = token;
            ListTrainingJobsResponse page = sageMaker.listTrainingJobs(r -> r.sortBy(SortBy.CREATION_TIME)
                    .sortOrder(SortOrder.DESCENDING).maxResults(Math.min(100, max)).nextToken(pageToken));
            for (TrainingJobSummary summary : page.trainingJobSummaries()) {
                jobs.add(new JobSummary(summary.trainingJobName(),
                        TrainingStatus.fromSageMaker(summary.trainingJobStatusAsString()), summary.creationTime()));
            }
            token = page.nextToken();
        } while (token != null && !token.isEmpty() && jobs.size() < max);
        return jobs.size() > max ? jobs.subList(0, max) : jobs;
    }

    @Override
    public boolean runsLocally() {
        return false;
    }

    @Override
    public void close() {
        sageMaker.close();
        cloudWatch.close();
    }

    /** Tag values allow letters, digits, spaces and {@code _.:/=+-@}. */
    private static String tagValue(String text) {
        String clean = text.replaceAll("[^\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]", "_");
        return clean.length() > 256 ? clean.substring(0, 256) : clean;
    }

    private static boolean isNotFound(AwsServiceException e) {
        String message = e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
                ? String.valueOf(e.getMessage()) : e.awsErrorDetails().errorMessage();
        String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
        return "ResourceNotFound".equals(code) || message.toLowerCase(java.util.Locale.ROOT).contains("not found")
                || message.toLowerCase(java.util.Locale.ROOT).contains("does not exist");
    }
}
