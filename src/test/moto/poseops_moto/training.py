"""SageMaker training jobs that behave like real ones, as far as PoseOps' aws-mode tests need.

Stock moto 5.2.1 completes a training job at once, replaces its MetricDefinitions with a canned one, writes no model
artifact and has no StopTrainingJob (HTTP 500). This module keeps moto's own job objects and adds, by patching the
backend and the response handler at run time:

- an in-progress phase driven by the clock: Starting, Downloading, then Training for one step per epoch (the job's
  ``epochs`` hyperparameter, at most 30), then Uploading and Completed; SecondaryStatusTransitions accordingly. One step
  lasts ``POSEOPS_MOTO_TRAINING_STEP_SECONDS`` (default 1.0). State advances when a job is described or listed.
- the job's own MetricDefinitions, kept as sent.
- curves: for every epoch, one value per metric definition is put into CloudWatch, namespace
  ``/aws/sagemaker/TrainingJobs``, dimension ``TrainingJobName``, one second apart (decreasing losses and calibration
  errors; the ``heldout:*`` summary metrics once, at the end). FinalMetricDataList holds the last values.
- a model artifact at ``S3ModelArtifacts`` when the job completes: the files of the ``model`` channel's
  ``model.tar.gz`` (or ``.tflite``) plus a ``calibration.json`` in PoseOps' format, so the console can evaluate it.
- StopTrainingJob: Stopping at once, Stopped one step later (secondary status Stopped), no artifact.
- a hyperparameter ``fail_with`` makes the job fail during Training with that FailureReason.

See docs/moto-notes.md for how real SageMaker differs.
"""
import copy
import datetime
import io
import json
import math
import os
import tarfile
import threading

from moto.cloudwatch.models import cloudwatch_backends
from moto.core.responses import ActionResult, EmptyResult
from moto.s3.models import s3_backends
from moto.sagemaker import models as sagemaker_models
from moto.sagemaker.responses import SageMakerResponse

NAMESPACE = "/aws/sagemaker/TrainingJobs"
MAX_EPOCHS = 30
KEYPOINTS = ["nose", "left_eye", "right_eye", "left_ear", "right_ear", "left_shoulder", "right_shoulder",
             "left_elbow", "right_elbow", "left_wrist", "right_wrist", "left_hip", "right_hip", "left_knee",
             "right_knee", "left_ankle", "right_ankle"]

# Extra state per job, kept outside moto's job objects: their attributes are all serialised into the response.
_state = {}
_lock = threading.RLock()


def _step_seconds():
    return float(os.environ.get("POSEOPS_MOTO_TRAINING_STEP_SECONDS", "1.0"))


def _now():
    return datetime.datetime.now(datetime.timezone.utc)


def _naive(moment):
    """moto keeps its own job times naive (UTC)."""
    return moment.replace(tzinfo=None)


def _epochs(job):
    try:
        return max(1, min(MAX_EPOCHS, int(job.hyper_parameters.get("epochs", "5"))))
    except (TypeError, ValueError):
        return 5


def _metric_value(name, epoch):
    """A plausible, decreasing curve per metric (a training loss a little noisier than the validation one)."""
    base = {"loss": 0.45, "ece": 0.28, "brier": 0.12}
    kind = name.split(":")[-1]
    start = next((v for k, v in base.items() if k in kind), 0.5)
    wiggle = 0.01 * math.sin(epoch * 1.7) if name.startswith("train") else 0.0
    return round(start * math.exp(-epoch / 4.0) + start * 0.15 + wiggle, 5)


def _transition(job, status, message):
    now = _naive(_now())
    transitions = job.secondary_status_transitions
    if transitions and "EndTime" not in transitions[-1]:
        transitions[-1]["EndTime"] = now
    entry = {"Status": status, "StartTime": now, "StatusMessage": message}
    if status in ("Completed", "Stopped", "Failed"):
        entry["EndTime"] = now
    transitions.append(entry)
    job.secondary_status = status
    job.last_modified_time = now


def _put_metrics(job, state, epoch, names):
    backend = cloudwatch_backends[state["account"]][state["region"]]
    moment = _naive(state["metrics_origin"] + datetime.timedelta(seconds=epoch))
    data = [{"MetricName": name, "Value": _metric_value(name, epoch), "Timestamp": moment,
             "Dimensions": [{"Name": "TrainingJobName", "Value": job.training_job_name}]} for name in names]
    if data:
        backend.put_metric_data(NAMESPACE, data)
    for item in data:
        state["last"][item["MetricName"]] = item["Value"]


def _write_artifact(job, state):
    """model.tar.gz = the model channel's files + a calibration.json in PoseOps' format."""
    files = {}
    for channel in job.input_data_config or []:
        if channel.get("ChannelName") != "model":
            continue
        uri = channel["DataSource"]["S3DataSource"]["S3Uri"]
        bucket, _, key = uri[len("s3://"):].partition("/")
        s3 = s3_backends[state["account"]]["aws"]
        body = s3.get_object(bucket, key).value
        if key.endswith(".tar.gz"):
            with tarfile.open(fileobj=io.BytesIO(body), mode="r:gz") as archive:
                for member in archive.getmembers():
                    if member.isfile():
                        files[os.path.basename(member.name)] = archive.extractfile(member).read()
        else:
            files["model.tflite"] = body
    files["calibration.json"] = json.dumps({
        "format": "poseops-keypoint-calibration/1",
        "formula": "p(correct) = sigmoid(a * logit(score) + b), score clamped to [1e-4, 1 - 1e-4]",
        "correct": {"rule": "torso", "fraction": float(job.hyper_parameters.get("correct_within", "0.2")),
                    "description": "simulated by the moto extension"},
        "keypoints": [{"name": name, "a": 1.3, "b": 1.1} for name in KEYPOINTS],
        "training": {"images": [], "validationImages": [], "epochs": _epochs(job), "bestEpoch": _epochs(job)},
    }, indent=2).encode("utf-8")
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name in sorted(files):
            info = tarfile.TarInfo(name)
            info.size = len(files[name])
            archive.addfile(info, io.BytesIO(files[name]))
    artifact = job.model_artifacts["S3ModelArtifacts"]
    bucket, _, key = artifact[len("s3://"):].partition("/")
    s3_backends[state["account"]]["aws"].put_object(bucket, key, buffer.getvalue())


def _advance(job):
    """Moves a job to where its clock says it is (called before every describe or list)."""
    with _lock:
        state = _state.get(job.arn)
        if state is None or job.training_job_status in ("Completed", "Failed", "Stopped"):
            return
        step = _step_seconds()
        elapsed = (_now() - state["created"]).total_seconds()
        if state.get("stop_requested") is not None:
            if (_now() - state["stop_requested"]).total_seconds() >= step:
                job.training_job_status = "Stopped"
                _transition(job, "Stopped", "Training job stopped on request")
                job.training_end_time = _naive(_now())
                _final_metrics(job, state)
            return
        epochs = _epochs(job)
        definitions = [d["Name"] for d in job.algorithm_specification.get("MetricDefinitions", [])]
        per_epoch = [n for n in definitions if not n.startswith("heldout:")]
        summary = [n for n in definitions if n.startswith("heldout:")]
        if elapsed >= step and job.secondary_status == "Starting":
            _transition(job, "Downloading", "Downloading input data")
        if elapsed >= 2 * step and job.secondary_status == "Downloading":
            _transition(job, "Training", "Training image download completed. Training in progress.")
            job.training_start_time = _naive(_now())
        if job.secondary_status == "Training":
            done = min(epochs + 1, int((elapsed - 2 * step) / step) + 1)
            while state["epochs_reported"] < done:
                _put_metrics(job, state, state["epochs_reported"], per_epoch)
                state["epochs_reported"] += 1
                failure = job.hyper_parameters.get("fail_with")
                if failure and state["epochs_reported"] >= 2:
                    job.training_job_status = "Failed"
                    job.failure_reason = failure
                    _transition(job, "Failed", "Training job failed")
                    job.training_end_time = _naive(_now())
                    _final_metrics(job, state)
                    return
            if state["epochs_reported"] > epochs:
                _put_metrics(job, state, state["epochs_reported"], summary)
                _transition(job, "Uploading", "Uploading generated training model")
        if job.secondary_status == "Uploading" and elapsed >= (epochs + 4) * step:
            _write_artifact(job, state)
            job.training_job_status = "Completed"
            _transition(job, "Completed", "Training job completed")
            job.training_end_time = _naive(_now())
            _final_metrics(job, state)


def _final_metrics(job, state):
    stamp = _naive(_now())
    job.final_metric_data_list = [{"MetricName": name, "Value": value, "Timestamp": stamp}
                                  for name, value in state["last"].items()]


def install():
    backend_class = sagemaker_models.SageMakerModelBackend
    original_create = backend_class.create_training_job
    original_describe = backend_class.describe_training_job
    original_list = backend_class.list_training_jobs

    def create_training_job(self, **kwargs):
        specification = copy.deepcopy(kwargs.get("algorithm_specification") or {})
        job = original_create(self, **kwargs)
        # Stock moto replaced the definitions with a canned one and completed the job: undo both.
        job.algorithm_specification = specification
        job.training_job_status = "InProgress"
        job.secondary_status = "Starting"
        job.secondary_status_transitions = []
        job.final_metric_data_list = []
        job.training_start_time = None
        job.training_end_time = None
        _transition(job, "Starting", "Preparing the instances for training")
        created = _now()
        with _lock:
            _state[job.arn] = {"account": self.account_id, "region": self.region_name, "created": created,
                               "metrics_origin": created, "epochs_reported": 0, "last": {}, "stop_requested": None}
        return job

    def describe_training_job(self, training_job_name):
        job = self.training_jobs.get(training_job_name)
        if job is not None:
            _advance(job)
        return original_describe(self, training_job_name)

    def list_training_jobs(self, *args, **kwargs):
        for job in list(self.training_jobs.values()):
            _advance(job)
        return original_list(self, *args, **kwargs)

    def stop_training_job(self, training_job_name):
        job = self.training_jobs.get(training_job_name)
        if job is None:
            from moto.sagemaker.exceptions import ValidationError
            raise ValidationError(message=f"Requested resource not found: {training_job_name}")
        _advance(job)
        with _lock:
            if job.training_job_status != "InProgress":
                from moto.sagemaker.exceptions import ValidationError
                raise ValidationError(message=f"The training job {training_job_name} is "
                                              f"{job.training_job_status}; only an InProgress job can be stopped.")
            job.training_job_status = "Stopping"
            _transition(job, "Stopping", "Stopping the training job")
            _state[job.arn]["stop_requested"] = _now()

    def stop_training_job_response(self):
        self.sagemaker_backend.stop_training_job(self._get_param("TrainingJobName"))
        return EmptyResult()

    backend_class.create_training_job = create_training_job
    backend_class.describe_training_job = describe_training_job
    backend_class.list_training_jobs = list_training_jobs
    backend_class.stop_training_job = stop_training_job
    SageMakerResponse.stop_training_job = stop_training_job_response
    _ = ActionResult  # the response module's result types, imported for the handler above
