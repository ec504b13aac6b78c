#!/usr/bin/env python3
"""A second trainer, not PoseOps': proves the local runner runs any program that follows SageMaker's training contract.

Reads <root>/input/config/hyperparameters.json (root = POSEOPS_TRAINING_ROOT, else /opt/ml), prints one metric line per
epoch in the format of the job's metric definitions, copies the .tflite of the "model" channel to <root>/model/ and
writes a note beside it. Hyperparameters (all strings, as SageMaker passes them):
  epochs        how many epoch lines (default 3)
  epoch_seconds pause between epochs (default 0.1)
  fail          "with-file": write output/failure and exit 3; "silently": exit 4 without a failure file
  ignore_sigterm "true": keep running after SIGTERM (the runner must then SIGKILL)
"""
import json
import os
import shutil
import signal
import sys
import time

root = os.environ.get("POSEOPS_TRAINING_ROOT", "/opt/ml")
with open(os.path.join(root, "input", "config", "hyperparameters.json")) as f:
    hyperparameters = json.load(f)
epochs = int(hyperparameters.get("epochs", "3"))
pause = float(hyperparameters.get("epoch_seconds", "0.1"))
if hyperparameters.get("ignore_sigterm") == "true":
    signal.signal(signal.SIGTERM, signal.SIG_IGN)

print("tiny trainer: channels " + ", ".join(sorted(os.listdir(os.path.join(root, "input", "data")))), flush=True)
for epoch in range(epochs + 1):
    loss = 1.0 / (epoch + 1)
    print(f"[epoch {epoch}/{epochs}] train_loss={loss:.5f} validation_loss={loss * 1.1:.5f}", flush=True)
    if epoch == 1 and hyperparameters.get("fail") == "with-file":
        os.makedirs(os.path.join(root, "output"), exist_ok=True)
        with open(os.path.join(root, "output", "failure"), "w") as failure:
            failure.write("tiny trainer: the loss exploded at epoch 1 (as asked)")
        sys.exit(3)
    if epoch == 1 and hyperparameters.get("fail") == "silently":
        print("tiny trainer: crashing without a failure file", flush=True)
        sys.exit(4)
    time.sleep(pause)

model_channel = os.path.join(root, "input", "data", "model")
tflite = [name for name in os.listdir(model_channel) if name.endswith(".tflite")]
os.makedirs(os.path.join(root, "model"), exist_ok=True)
shutil.copy(os.path.join(model_channel, tflite[0]), os.path.join(root, "model", "model.tflite"))
with open(os.path.join(root, "model", "NOTES.txt"), "w") as notes:
    notes.write("made by tiny_trainer.py\n")
print("tiny trainer: done", flush=True)
