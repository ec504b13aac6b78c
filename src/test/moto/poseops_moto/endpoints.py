"""SageMaker blue/green endpoint deployments for moto 5.2.1 (stock moto has no UpdateEndpoint and no deployments).

What is simulated, and where real SageMaker differs, is written down in docs/moto-notes.md ("SageMaker blue/green
deployments"). In short:

* ``UpdateEndpoint`` with a ``DeploymentConfig.BlueGreenUpdatePolicy`` (ALL_AT_ONCE, CANARY, LINEAR), validated as
  SageMaker does where that is cheap (endpoint and configuration exist, the endpoint is InService, the same variant
  names, SageMaker's limits on sizes and waits, 1-10 rollback alarms that exist in CloudWatch).
* Deployments run on a **simulated clock**: every real second counts as ``time_scale`` simulated seconds (environment
  variable ``POSEOPS_MOTO_TIME_SCALE``, default 1, or ``POST /moto-api/poseops/endpoints/clock {"time_scale": 600}``),
  so that a 600 s bake passes in a second; ``time_scale`` 0 stops the clock and ``{"advance_seconds": 130}`` moves it
  on, which lets a test step through a deployment. Nothing is advanced by a timer: every call that reads or changes
  the endpoint computes its state from the simulated time elapsed since the UpdateEndpoint and from the rollback
  alarms' state history (mapped onto the simulated clock) — the same inputs always give the same answer.
* Phases, in simulated seconds: the new fleet is created (``provisioning_seconds``), then for each traffic step
  ActivatingTraffic (``traffic_seconds``) and Baking (``WaitIntervalInSeconds``), then the old fleet is kept for
  ``TerminationWaitInSeconds``; after that the endpoint is InService on the new configuration.
* A rollback alarm in ALARM at any moment of a bake (``SetAlarmState``) starts a rollback at that moment: all traffic
  goes back to the old fleet, the new one is deleted (``rollback_seconds``), and the endpoint is InService on the
  **old** configuration with no FailureReason (SageMaker's silent ending). Exceeding
  ``MaximumExecutionTimeoutInSeconds`` rolls back the same way, with a FailureReason.
* ``PutMetricAlarm`` on an existing alarm keeps its state, as CloudWatch does (moto resets it to OK).
"""
import datetime
import json
import math
import os
import threading
from typing import Any, Optional

from moto.cloudwatch import models as cloudwatch_models
from moto.cloudwatch.models import cloudwatch_backends
from moto.core.responses import ActionResult
from moto.core.utils import utcnow
from moto.moto_api._internal import urls as moto_api_urls
from moto.sagemaker import models as sagemaker_models
from moto.sagemaker import responses as sagemaker_responses
from moto.sagemaker.exceptions import ValidationError

# ---- the simulated clock ---------------------------------------------------------------------------------------------

DEFAULT_DURATIONS = {
    # how long SageMaker takes to start the new (green) fleet
    "provisioning_seconds": 120.0,
    # how long one traffic shift takes (ActivatingTraffic)
    "traffic_seconds": 10.0,
    # how long sending the traffic back and deleting the new fleet takes after an alarm or a timeout
    "rollback_seconds": 30.0,
}
DURATIONS = dict(DEFAULT_DURATIONS)

# One lock for every state change this module makes: moto's server answers requests on several threads.
LOCK = threading.RLock()

ROUTING_TYPES = ("ALL_AT_ONCE", "CANARY", "LINEAR")
CAPACITY_TYPES = ("INSTANCE_COUNT", "CAPACITY_PERCENT")
EPOCH = datetime.datetime(1970, 1, 1)


def _seconds(moment: datetime.datetime) -> float:
    return (moment - EPOCH).total_seconds()


def _moment(seconds: float) -> datetime.datetime:
    return EPOCH + datetime.timedelta(seconds=seconds)


class SimulatedClock:
    """Simulated seconds as a function of the wall clock: piecewise linear (``time_scale`` per segment), with forward
    jumps (``advance_seconds``). It starts equal to the wall clock."""

    def __init__(self, time_scale: float):
        now = utcnow()
        self.segments = [(now, _seconds(now), time_scale)]  # (wall start, simulated start, scale)

    def scale(self) -> float:
        return self.segments[-1][2]

    def at(self, wall: datetime.datetime) -> float:
        """The simulated time at a wall-clock moment."""
        chosen = self.segments[0]
        for segment in self.segments:
            if segment[0] <= wall:
                chosen = segment
        wall_start, simulated_start, scale = chosen
        return simulated_start + max(0.0, (wall - wall_start).total_seconds()) * scale

    def now(self) -> float:
        return self.at(utcnow())

    def wall(self, simulated: float) -> datetime.datetime:
        """The first wall-clock moment the simulated clock showed ``simulated`` (for a future one: when it will, at
        the current scale, or at scale 1 while the clock is stopped)."""
        now = utcnow()
        for index, (wall_start, simulated_start, scale) in enumerate(self.segments):
            if simulated <= simulated_start:
                return wall_start
            wall_end = self.segments[index + 1][0] if index + 1 < len(self.segments) else now
            if scale > 0 and simulated <= simulated_start + (wall_end - wall_start).total_seconds() * scale:
                return wall_start + datetime.timedelta(seconds=(simulated - simulated_start) / scale)
        return now + datetime.timedelta(seconds=(simulated - self.now()) / (self.scale() or 1.0))

    def set_scale(self, time_scale: float) -> None:
        now = utcnow()
        self.segments.append((now, self.at(now), time_scale))

    def advance(self, seconds: float) -> None:
        now = utcnow()
        self.segments.append((now, self.at(now) + seconds, self.scale()))


CLOCK = SimulatedClock(float(os.environ.get("POSEOPS_MOTO_TIME_SCALE", "1")))


def _iso(moment: datetime.datetime) -> str:
    return moment.replace(microsecond=0).isoformat() + "Z"


# ---- alarm state history ---------------------------------------------------------------------------------------------

def _transitions(alarm: Any) -> list:
    """(time, state) of every state the alarm took, oldest first; kept on the alarm object (moto's reset drops it)."""
    history = alarm.__dict__.get("_poseops_transitions")
    if history is None:
        history = [(alarm.state_updated_timestamp, alarm.state_value)]
        alarm.__dict__["_poseops_transitions"] = history
    return history


def _alarm_intervals(alarm: Any) -> list:
    """[start, end) intervals in simulated time (end None = still) during which the alarm was in ALARM."""
    intervals = []
    history = _transitions(alarm)
    for index, (moment, state) in enumerate(history):
        if state != "ALARM":
            continue
        end = CLOCK.at(history[index + 1][0]) if index + 1 < len(history) else None
        intervals.append((CLOCK.at(moment), end))
    return intervals


def _install_alarm_patches() -> None:
    original_update_state = cloudwatch_models.Alarm.update_state

    def update_state(self: Any, reason: str, reason_data: str, state_value: str) -> None:
        with LOCK:
            _transitions(self)  # records the state before the change, if this is the first change
            original_update_state(self, reason, reason_data, state_value)
            _transitions(self).append((self.state_updated_timestamp, state_value))

    cloudwatch_models.Alarm.update_state = update_state

    original_put_metric_alarm = cloudwatch_models.CloudWatchBackend.put_metric_alarm

    def put_metric_alarm(self: Any, *args: Any, **kwargs: Any) -> Any:
        name = kwargs.get("name", args[0] if args else None)
        with LOCK:
            previous = self.alarms.get(name)
            alarm = original_put_metric_alarm(self, *args, **kwargs)
            if previous is not None:
                # CloudWatch: "When you update an existing alarm, its state is left unchanged".
                alarm.state_value = previous.state_value
                alarm.state_reason = previous.state_reason
                alarm.state_reason_data = previous.state_reason_data
                alarm.state_updated_timestamp = previous.state_updated_timestamp
                alarm.history = previous.history
                alarm.__dict__["_poseops_transitions"] = _transitions(previous)
            return alarm

    cloudwatch_models.CloudWatchBackend.put_metric_alarm = put_metric_alarm


# ---- a deployment ----------------------------------------------------------------------------------------------------

class Phase:
    def __init__(self, kind: str, start: float, end: float, share: float, step: int, steps: int):
        self.kind = kind  # Creating | ActivatingTraffic | Baking | Terminating
        self.start = start  # simulated seconds since the UpdateEndpoint
        self.end = end
        self.share = share  # the new fleet's share of the traffic at the end of the phase, 0..1
        self.step = step
        self.steps = steps


class BlueGreenDeployment:
    """One UpdateEndpoint in progress. Immutable once made: its state at any moment is computed from the clock."""

    def __init__(self, backend: Any, endpoint: Any, new_config: dict, deployment_config: dict):
        self.started = CLOCK.now()  # simulated seconds
        self.started_wall = utcnow()
        self.provisioning = DURATIONS["provisioning_seconds"]
        self.traffic = DURATIONS["traffic_seconds"]
        self.rollback = DURATIONS["rollback_seconds"]
        self.account_id = backend.account_id
        self.region_name = backend.region_name
        self.old_config_name = endpoint.endpoint_config_name
        self.old_variants = [dict(v) for v in endpoint.production_variants]
        self.new_config_name = new_config["EndpointConfigName"]
        self.new_config = new_config
        policy = deployment_config["BlueGreenUpdatePolicy"]
        routing = policy["TrafficRoutingConfiguration"]
        self.routing_type = routing["Type"]
        self.wait = float(routing.get("WaitIntervalInSeconds", 0))
        self.termination_wait = float(policy.get("TerminationWaitInSeconds", 0) or 0)
        self.maximum = float(policy.get("MaximumExecutionTimeoutInSeconds", 3600) or 3600)
        alarms = (deployment_config.get("AutoRollbackConfiguration") or {}).get("Alarms") or []
        self.alarm_names = [a["AlarmName"] for a in alarms]
        self.instance_count = max(1, sum(int(v.get("InitialInstanceCount", 1) or 1)
                                         for v in new_config["ProductionVariants"]))
        self.shares = _traffic_steps(routing, self.instance_count)
        self.phases = self._plan()
        self.end = self.phases[-1].end

    def _plan(self) -> list:
        phases = [Phase("Creating", 0.0, self.provisioning, 0.0, 0, len(self.shares))]
        moment = self.provisioning
        for index, share in enumerate(self.shares):
            step = index + 1
            phases.append(Phase("ActivatingTraffic", moment, moment + self.traffic, share, step, len(self.shares)))
            moment += self.traffic
            phases.append(Phase("Baking", moment, moment + self.wait, share, step, len(self.shares)))
            moment += self.wait
        phases.append(Phase("Terminating", moment, moment + self.termination_wait, 1.0, len(self.shares),
                            len(self.shares)))
        return phases

    def wall(self, offset: float) -> datetime.datetime:
        """The wall-clock moment of a point of this deployment (simulated seconds since it started)."""
        return max(self.started_wall, CLOCK.wall(self.started + offset))

    def first_alarm(self, elapsed: float) -> Optional[tuple]:
        """(offset, alarm name) of the first moment, up to ``elapsed``, an alarm was in ALARM during a bake."""
        backend = cloudwatch_backends[self.account_id][self.region_name]
        earliest = None
        for name in self.alarm_names:
            alarm = backend.alarms.get(name)
            if alarm is None:
                continue
            for alarm_start, alarm_end in _alarm_intervals(alarm):
                for phase in self.phases:
                    if phase.kind != "Baking":
                        continue
                    start = max(phase.start, alarm_start - self.started)
                    if start > elapsed or start > phase.end or (
                            alarm_end is not None and alarm_end - self.started <= start):
                        continue
                    if earliest is None or start < earliest[0]:
                        earliest = (start, name)
        return earliest

    def outcome(self) -> dict:
        """What the deployment is doing now: in progress, rolling back, rolled back or done."""
        elapsed = CLOCK.now() - self.started
        rollback_at, reason, alarm = None, None, None
        found = self.first_alarm(elapsed)
        if found is not None and found[0] < self.end:
            rollback_at, alarm = found
        if self.maximum < self.end and (rollback_at is None or self.maximum < rollback_at) and elapsed >= self.maximum:
            rollback_at, alarm = self.maximum, None
            reason = ("The deployment took longer than MaximumExecutionTimeoutInSeconds ({:.0f} s) and was rolled back "
                      "to endpoint configuration {}.").format(self.maximum, self.old_config_name)
        if rollback_at is not None:
            if elapsed >= rollback_at + self.rollback:
                return {"state": "rolled_back", "at": rollback_at + self.rollback, "reason": reason}
            return {"state": "rolling_back", "since": rollback_at, "alarm": alarm}
        if elapsed >= self.end:
            return {"state": "succeeded", "at": self.end}
        phase = next(p for p in self.phases if p.start <= elapsed < p.end or p is self.phases[-1])
        return {"state": "in_progress", "phase": phase}


def _traffic_steps(routing: dict, instance_count: int) -> list:
    """The new fleet's share of the capacity after each traffic step, 0..1, ending with 1."""
    kind = routing["Type"]
    if kind == "ALL_AT_ONCE":
        return [1.0]
    size = routing["CanarySize"] if kind == "CANARY" else routing["LinearStepSize"]
    value = float(size["Value"])
    share = value / 100.0 if size["Type"] == "CAPACITY_PERCENT" else value / instance_count
    share = min(max(share, 0.0), 1.0)
    if kind == "CANARY":
        return [share, 1.0] if share < 1.0 else [1.0]
    steps, current = [], share
    while current < 1.0 - 1e-9 and share > 0:
        steps.append(round(current, 6))
        current += share
    return steps + [1.0]


# ---- what DescribeEndpoint says --------------------------------------------------------------------------------------

def _variant_status(kind: str, message: str, since: datetime.datetime) -> dict:
    return {"Status": kind, "StatusMessage": message, "StartTime": since}


def _instances(share: float, count: int) -> int:
    return max(1, math.ceil(share * count - 1e-9)) if share > 0 else 0


def _show_in_progress(endpoint: Any, deployment: BlueGreenDeployment, phase: Phase) -> None:
    new_variants = deployment.new_config["ProductionVariants"]
    count = deployment.instance_count
    since = deployment.wall(phase.start)
    if phase.kind == "Creating":
        share, green_instances = 0.0, 0
        status = _variant_status("Creating", "Launching {} instance(s) of {} for endpoint configuration {}.".format(
            count, new_variants[0].get("InstanceType", "?"), deployment.new_config_name), since)
    elif phase.kind == "ActivatingTraffic":
        previous = deployment.shares[phase.step - 2] if phase.step > 1 else 0.0
        share, green_instances = previous, count
        status = _variant_status("ActivatingTraffic", "Shifting traffic to {:.0f}% of the new fleet's capacity "
                                 "(step {} of {}).".format(phase.share * 100, phase.step, phase.steps), since)
    elif phase.kind == "Baking":
        share, green_instances = phase.share, count
        capacity, step = "full", ""
        if phase.share < 1.0:
            capacity = "canary" if deployment.routing_type == "CANARY" else "linear step"
            step = "" if deployment.routing_type == "CANARY" else " (step {} of {})".format(phase.step, phase.steps)
        status = _variant_status("Baking", "Baking for {:.0f} seconds (until {}) with traffic enabled on {} capacity "
                                 "of {} instance(s){}.".format(deployment.wait, _iso(deployment.wall(phase.end)),
                                                               capacity, _instances(phase.share, count), step), since)
    else:  # Terminating: all traffic on the new fleet, the old one is kept for TerminationWaitInSeconds
        share, green_instances, status = 1.0, count, None
    blue_status = []
    if phase.kind == "Terminating":
        blue_status = [_variant_status("Deleting", "Terminating the old fleet after TerminationWaitInSeconds ({:.0f} s)"
                                       " at {}.".format(deployment.termination_wait, _iso(deployment.wall(phase.end))),
                                       since)]
    _show(endpoint, deployment, share, green_instances, [status] if status else [], blue_status)


def _show_rolling_back(endpoint: Any, deployment: BlueGreenDeployment, since: float, alarm: Optional[str]) -> None:
    why = "alarm {} is in ALARM".format(alarm) if alarm else "MaximumExecutionTimeoutInSeconds exceeded"
    status = _variant_status("Deleting", "Rolling back ({}): all traffic is back on the old fleet; deleting the new "
                             "fleet.".format(why), deployment.wall(since))
    _show(endpoint, deployment, 0.0, deployment.instance_count, [status], [])


def _show(endpoint: Any, deployment: BlueGreenDeployment, share: float, green_instances: int, green_status: list,
          blue_status: list) -> None:
    blue = []
    for variant in deployment.old_variants:
        shown = dict(variant)
        weight = float(variant.get("DesiredWeight", 1.0) or 0.0)
        shown["CurrentWeight"] = round(weight * (1.0 - share), 6)
        shown["DesiredWeight"] = 0.0
        shown["VariantStatus"] = blue_status
        blue.append(shown)
    green = []
    for variant in deployment.new_config["ProductionVariants"]:
        weight = float(variant.get("InitialVariantWeight", 1.0) or 0.0)
        count = int(variant.get("InitialInstanceCount", 1) or 1)
        green.append({
            "VariantName": variant["VariantName"],
            "CurrentWeight": round(weight * share, 6),
            "DesiredWeight": weight,
            "CurrentInstanceCount": min(count, green_instances),
            "DesiredInstanceCount": count,
            "InstanceType": variant.get("InstanceType"),
            "VariantStatus": green_status,
        })
    endpoint.endpoint_status = "Updating"
    endpoint.production_variants = blue
    endpoint.pending_deployment_summary = {
        "EndpointConfigName": deployment.new_config_name,
        "ProductionVariants": green,
        "StartTime": deployment.wall(0.0),
    }


def _finish(endpoint: Any, deployment: BlueGreenDeployment, outcome: dict) -> None:
    endpoint.__dict__.pop("_poseops_deployment", None)
    endpoint.pending_deployment_summary = None
    endpoint.endpoint_status = "InService"
    endpoint.last_modified_time = deployment.wall(outcome["at"])
    if outcome["state"] == "succeeded":
        endpoint.endpoint_config_name = deployment.new_config_name
        endpoint.production_variants = endpoint._process_production_variants(
            deployment.new_config["ProductionVariants"])
        endpoint.data_capture_config = deployment.new_config.get("DataCaptureConfig") or {}
        endpoint.failure_reason = None
    else:  # the silent ending: back on the old configuration, as if nothing had happened (timeouts say why)
        endpoint.production_variants = [dict(v) for v in deployment.old_variants]
        endpoint.failure_reason = outcome.get("reason")


def advance(endpoint: Any) -> None:
    """Brings the endpoint's description up to the simulated now."""
    with LOCK:
        deployment = endpoint.__dict__.get("_poseops_deployment")
        if deployment is None:
            return
        outcome = deployment.outcome()
        if outcome["state"] in ("succeeded", "rolled_back"):
            _finish(endpoint, deployment, outcome)
        elif outcome["state"] == "rolling_back":
            _show_rolling_back(endpoint, deployment, outcome["since"], outcome["alarm"])
        else:
            _show_in_progress(endpoint, deployment, outcome["phase"])


# ---- UpdateEndpoint --------------------------------------------------------------------------------------------------

def _validate_deployment_config(backend: Any, deployment_config: dict, instance_count: int) -> None:
    if deployment_config.get("RollingUpdatePolicy"):
        raise ValidationError(message="RollingUpdatePolicy is not simulated by PoseOps' moto extension; use "
                                      "BlueGreenUpdatePolicy.")
    policy = deployment_config.get("BlueGreenUpdatePolicy")
    if not policy:
        raise ValidationError(message="DeploymentConfig must contain a BlueGreenUpdatePolicy.")
    routing = policy.get("TrafficRoutingConfiguration") or {}
    kind = routing.get("Type")
    if kind not in ROUTING_TYPES:
        raise ValidationError(message="Value '{}' at 'deploymentConfig.blueGreenUpdatePolicy."
                                      "trafficRoutingConfiguration.type' failed to satisfy constraint: Member must "
                                      "satisfy enum value set: [ALL_AT_ONCE, CANARY, LINEAR]".format(kind))
    wait = routing.get("WaitIntervalInSeconds")
    if wait is None or not 0 <= int(wait) <= 3600:
        raise ValidationError(message="WaitIntervalInSeconds must be between 0 and 3600, got {}.".format(wait))
    if kind in ("CANARY", "LINEAR"):
        key = "CanarySize" if kind == "CANARY" else "LinearStepSize"
        size = routing.get(key)
        if not size or size.get("Type") not in CAPACITY_TYPES or size.get("Value") is None:
            raise ValidationError(message="{} traffic routing requires {} with a Type of {} and a Value.".format(
                kind, key, " or ".join(CAPACITY_TYPES)))
        value = int(size["Value"])
        percent = value if size["Type"] == "CAPACITY_PERCENT" else 100.0 * value / instance_count
        if value < 1 or (kind == "CANARY" and percent > 50):
            raise ValidationError(message="CanarySize must be at least 1 and at most 50% of the variant's instance "
                                          "count ({}); got {} {}.".format(instance_count, value, size["Type"]))
        if kind == "LINEAR" and not 10 <= percent <= 50:
            raise ValidationError(message="LinearStepSize must be between 10% and 50% of the variant's instance "
                                          "count ({}); got {} {}.".format(instance_count, value, size["Type"]))
    termination = int(policy.get("TerminationWaitInSeconds", 0) or 0)
    if not 0 <= termination <= 3600:
        raise ValidationError(message="TerminationWaitInSeconds must be between 0 and 3600, got {}.".format(
            termination))
    maximum = policy.get("MaximumExecutionTimeoutInSeconds")
    if maximum is not None:
        maximum = int(maximum)
        if not 600 <= maximum <= 28800:
            raise ValidationError(message="MaximumExecutionTimeoutInSeconds must be between 600 and 28800, got "
                                          "{}.".format(maximum))
        if maximum <= int(wait) + termination:
            raise ValidationError(message="MaximumExecutionTimeoutInSeconds ({}) must be larger than the total "
                                          "waiting time of WaitIntervalInSeconds and TerminationWaitInSeconds "
                                          "({}).".format(maximum, int(wait) + termination))
    rollback = deployment_config.get("AutoRollbackConfiguration")
    if rollback is not None:
        alarms = rollback.get("Alarms") or []
        if not 1 <= len(alarms) <= 10:
            raise ValidationError(message="AutoRollbackConfiguration must name 1 to 10 alarms, got {}.".format(
                len(alarms)))
        known = cloudwatch_backends[backend.account_id][backend.region_name].alarms
        for alarm in alarms:
            if alarm.get("AlarmName") not in known:
                raise ValidationError(message="The CloudWatch alarm '{}' does not exist in {}.".format(
                    alarm.get("AlarmName"), backend.region_name))


def update_endpoint(self: Any, endpoint_name: str, endpoint_config_name: str,
                    deployment_config: Optional[dict], retain_deployment_config: bool) -> str:
    with LOCK:
        endpoint = self.endpoints.get(endpoint_name)
        if endpoint is None:
            arn = sagemaker_models.FakeEndpoint.arn_formatter(endpoint_name, self.account_id, self.region_name)
            raise ValidationError(message="Could not find endpoint '{}'.".format(arn))
        advance(endpoint)
        if endpoint.endpoint_status != "InService":
            raise ValidationError(message='Cannot update in-progress endpoint "{}".'.format(endpoint.arn))
        new_config = self.describe_endpoint_config(endpoint_config_name)  # "Could not find endpoint configuration"
        old_names = sorted(v["VariantName"] for v in endpoint.production_variants)
        new_names = sorted(v["VariantName"] for v in new_config["ProductionVariants"])
        if old_names != new_names:
            raise ValidationError(message="A blue/green update must keep the variant names: endpoint {} has {} but "
                                          "endpoint configuration {} has {}.".format(endpoint_name, old_names,
                                                                                     endpoint_config_name, new_names))
        if retain_deployment_config:
            deployment_config = endpoint.__dict__.get("last_deployment_config")
        if not deployment_config:
            # SageMaker's default: blue/green, all at once, no bake, no automatic rollback.
            deployment_config = {"BlueGreenUpdatePolicy": {
                "TrafficRoutingConfiguration": {"Type": "ALL_AT_ONCE", "WaitIntervalInSeconds": 0}}}
        instance_count = sum(int(v.get("InitialInstanceCount", 1) or 1) for v in new_config["ProductionVariants"])
        _validate_deployment_config(self, deployment_config, max(1, instance_count))
        deployment = BlueGreenDeployment(self, endpoint, new_config, deployment_config)
        endpoint.__dict__["_poseops_deployment"] = deployment
        endpoint.last_deployment_config = deployment_config
        endpoint.last_modified_time = deployment.wall(0.0)
        endpoint.failure_reason = None
        advance(endpoint)
        return endpoint.arn


def _install_sagemaker_patches() -> None:
    backend_class = sagemaker_models.SageMakerModelBackend
    backend_class.update_endpoint = update_endpoint

    original_describe_endpoint = backend_class.describe_endpoint

    def describe_endpoint(self: Any, endpoint_name: str) -> dict:
        endpoint = self.endpoints.get(endpoint_name)
        if endpoint is not None:
            advance(endpoint)
        with LOCK:
            response = original_describe_endpoint(self, endpoint_name)
        return {k: v for k, v in response.items() if not k.startswith("Poseops") and not k.startswith("_")}

    backend_class.describe_endpoint = describe_endpoint

    original_list_endpoints = backend_class.list_endpoints

    def list_endpoints(self: Any, *args: Any, **kwargs: Any) -> Any:
        for endpoint in list(self.endpoints.values()):
            advance(endpoint)
        return original_list_endpoints(self, *args, **kwargs)

    backend_class.list_endpoints = list_endpoints

    def update_endpoint_response(self: Any) -> ActionResult:
        arn = self.sagemaker_backend.update_endpoint(
            endpoint_name=self._get_param("EndpointName"),
            endpoint_config_name=self._get_param("EndpointConfigName"),
            deployment_config=self._get_param("DeploymentConfig"),
            retain_deployment_config=bool(self._get_param("RetainDeploymentConfig")),
        )
        return ActionResult({"EndpointArn": arn})

    sagemaker_responses.SageMakerResponse.update_endpoint = update_endpoint_response


# ---- moto-api: the clock ---------------------------------------------------------------------------------------------

def clock_response(request: Any, full_url: str, headers: Any) -> tuple:
    """GET: the clock and the simulated durations. POST a JSON object with any of ``time_scale`` (simulated seconds per
    real second; 0 stops the clock), ``advance_seconds`` (moves the simulated clock on at once),
    ``provisioning_seconds``, ``traffic_seconds``, ``rollback_seconds`` (for deployments started afterwards) and
    ``reset`` (true: the defaults again, the clock back at real time)."""
    global CLOCK
    if request.method == "POST":
        length = int(headers.get("Content-Length") or 0)
        body = request.environ["wsgi.input"].read(length).decode("utf-8") if length else ""
        try:
            changes = json.loads(body or "{}")
            known = set(DEFAULT_DURATIONS) | {"time_scale", "advance_seconds", "reset"}
            unknown = sorted(set(changes) - known)
            if unknown:
                raise ValueError("unknown clock setting(s) {}; known: {}".format(unknown, sorted(known)))
            numbers = {key: float(value) for key, value in changes.items() if key != "reset"}
            negative = [key for key, value in numbers.items() if value < 0]
            if negative:
                raise ValueError("{} must not be negative".format(", ".join(negative)))
        except (ValueError, TypeError) as problem:
            return 400, {"Content-Type": "application/json"}, json.dumps({"error": str(problem)})
        with LOCK:
            if changes.get("reset"):
                CLOCK = SimulatedClock(float(os.environ.get("POSEOPS_MOTO_TIME_SCALE", "1")))
                DURATIONS.clear()
                DURATIONS.update(DEFAULT_DURATIONS)
            for key in DEFAULT_DURATIONS:
                if key in numbers:
                    DURATIONS[key] = numbers[key]
            if "time_scale" in numbers:
                CLOCK.set_scale(numbers["time_scale"])
            if "advance_seconds" in numbers:
                CLOCK.advance(numbers["advance_seconds"])
    with LOCK:
        state = dict(DURATIONS, time_scale=CLOCK.scale(), simulated_now=_iso(_moment(CLOCK.now())))
    return 200, {"Content-Type": "application/json"}, json.dumps(state)


def install() -> None:
    _install_alarm_patches()
    _install_sagemaker_patches()
    moto_api_urls.url_paths["{0}/moto-api/poseops/endpoints/clock"] = clock_response
