#!/usr/bin/env bash
# Trainer benchmark: leave-one-image-out on the three labelled images of ../shared (tensorflow-examples image1 and
# image2 with their truth, the Coral squat with its reference output as a pseudo-label: the keypoints scored > 0.4). Each fold trains on two
# images and validates on the third, which it never sees in training; the held-out ECE before (the model's own scores)
# and after (the calibrated ones) are the trainer's own numbers. Prints per-epoch time, ECE before/after, best epoch and
# the wall time of each job (the whole `train` program: JVM, model load, training, writing the model), then the means,
# with nproc and the load average (the machine is shared: absolute times under load say little, ratios more).
#   ./mvnw -q package -DskipTests && bash bench/training.sh [hyperparameter=value …]
# e.g. bash bench/training.sh epochs=30 augmentations=4. Folds are built in a temporary folder; nothing is kept.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[[ -f target/poseops-inference.jar ]] || { echo "build first: ./mvnw -q package -DskipTests" >&2; exit 1; }
shared="${POSEOPS_SHARED_DIR:-../shared}"
[[ -f "$shared/models/movenet_singlepose_lightning_int8_4.tflite" ]] || { echo "no $shared/models" >&2; exit 1; }
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$shared" "$work" "$@" <<'PY'
import csv, json, os, re, shutil, struct, subprocess, sys, time

shared, work, overrides = sys.argv[1], sys.argv[2], sys.argv[3:]
names = ["nose", "left_eye", "right_eye", "left_ear", "right_ear", "left_shoulder", "right_shoulder", "left_elbow",
         "right_elbow", "left_wrist", "right_wrist", "left_hip", "right_hip", "left_knee", "right_knee", "left_ankle",
         "right_ankle"]
pose = f"{shared}/testdata/pose"
rows = {}
with open(f"{pose}/tensorflow-examples/pose_landmark_truth.csv") as f:
    truth = [r for r in csv.reader(f)][1:]
rows["image1.png"], rows["image2.jpeg"] = truth[0], truth[1]
with open(f"{pose}/coral/squat.bmp", "rb") as f:
    width, height = struct.unpack("<ii", f.read(26)[18:26])
reference = list(csv.DictReader(open(f"{pose}/coral/movenet_single_pose_lightning_ptq_reference.csv")))
squat = []
for k in range(17):  # a pseudo-label: only the keypoints the reference scored above 0.4 (as bench.LabelledSet)
    entry = next(r for r in reference if int(r["keypoint_id"]) == k)
    if float(entry["keypoint_score"]) > 0.4:
        squat += [f"{float(entry['keypoint_x']) * width:.1f}", f"{float(entry['keypoint_y']) * abs(height):.1f}"]
    else:
        squat += ["", ""]
rows["squat.bmp"] = squat
sources = {"image1.png": f"{pose}/tensorflow-examples/image1.png", "image2.jpeg": f"{pose}/tensorflow-examples/image2.jpeg",
           "squat.bmp": f"{pose}/coral/squat.bmp"}
hyperparameters = dict(o.split("=", 1) for o in overrides)


def channel(directory, images):
    os.makedirs(directory)
    with open(f"{directory}/labels.csv", "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["image"] + [f"{n}_{a}" for n in names for a in "xy"])
        for image in images:
            writer.writerow([image] + rows[image])
            shutil.copy(sources[image], f"{directory}/{image}")


results = []
for held_out in rows:
    root = f"{work}/{held_out.split('.')[0]}"
    channel(f"{root}/input/data/train", [i for i in rows if i != held_out])
    channel(f"{root}/input/data/validation", [held_out])
    os.makedirs(f"{root}/input/data/model")
    shutil.copy(f"{shared}/models/movenet_singlepose_lightning_int8_4.tflite", f"{root}/input/data/model/")
    os.makedirs(f"{root}/input/config")
    json.dump(hyperparameters, open(f"{root}/input/config/hyperparameters.json", "w"))
    start = time.monotonic()
    process = subprocess.Popen(["inference/train"], env=dict(os.environ, POSEOPS_TRAINING_ROOT=root),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    epoch_times, summary = [], None
    for line in process.stdout:
        if line.startswith("[epoch "):
            epoch_times.append(time.monotonic())
        match = re.search(r"best_epoch=(\d+) held_out_ece_before=([0-9.]+) held_out_ece_after=([0-9.]+)", line)
        if match:
            summary = (int(match[1]), float(match[2]), float(match[3]))
    code = process.wait()
    wall = time.monotonic() - start
    if code != 0 or summary is None:
        sys.exit(f"fold {held_out}: the trainer failed (exit {code}); see {root}/output/failure")
    per_epoch = (epoch_times[-1] - epoch_times[0]) / max(1, len(epoch_times) - 1)
    results.append((held_out, len(epoch_times) - 1, summary[0], summary[1], summary[2], per_epoch, wall))
    print(f"held out {held_out:12s} epochs run {len(epoch_times) - 1:3d} (best {summary[0]:3d})  held-out ECE "
          f"{summary[1]:.3f} -> {summary[2]:.3f}  per epoch {per_epoch * 1000:6.0f} ms  job wall time {wall:5.1f} s",
          flush=True)
n = len(results)
print(f"mean: held-out ECE {sum(r[3] for r in results) / n:.3f} -> {sum(r[4] for r in results) / n:.3f}, per epoch "
      f"{sum(r[5] for r in results) / n * 1000:.0f} ms, job wall time {sum(r[6] for r in results) / n:.1f} s")
PY
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
