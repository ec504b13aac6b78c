/**
 * aws mode: SageMaker training jobs (CreateTrainingJob, DescribeTrainingJob, StopTrainingJob, ListTrainingJobs) and their curves from CloudWatch ({@code /aws/sagemaker/TrainingJobs}).
 */
@NullMarked
package com.poseops.training.aws;

import org.jspecify.annotations.NullMarked;
