"""The peer a user would otherwise pick: MoveNet served from Python with TensorFlow Lite.

A minimal HTTP server for the benchmark only (inference/benchmark --peer starts it in a temporary virtual
environment): POST /invocations with a JPEG/PNG body -> the 17 keypoints as JSON in pixels of the image as displayed.
Same model, same letterboxing as the MoveNet tutorial and the Java server (tf.image.resize_with_pad: aspect kept,
scaled to fit S x S, centred, black padding, bilinear without antialiasing), same thread count as the Java server (one
interpreter of 1 thread per worker, WORKERS interpreters). EXIF orientation applied with Pillow. Not part of the
product.

    python peer_server.py MODEL.tflite PORT WORKERS
"""
import io
import json
import queue
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import tensorflow as tf
from PIL import Image, ImageOps

NAMES = ["nose", "left_eye", "right_eye", "left_ear", "right_ear", "left_shoulder", "right_shoulder", "left_elbow",
         "right_elbow", "left_wrist", "right_wrist", "left_hip", "right_hip", "left_knee", "right_knee", "left_ankle",
         "right_ankle"]


def make_interpreter(model_path):
    interpreter = tf.lite.Interpreter(model_path=model_path, num_threads=1)
    interpreter.allocate_tensors()
    return interpreter


class Pool:
    def __init__(self, model_path, workers):
        self.idle = queue.Queue()
        for _ in range(workers):
            self.idle.put(make_interpreter(model_path))
        first = self.idle.queue[0]
        detail = first.get_input_details()[0]
        self.size = int(detail["shape"][1])
        self.dtype = detail["dtype"]

    def estimate(self, body):
        t0 = time.perf_counter()
        image = ImageOps.exif_transpose(Image.open(io.BytesIO(body))).convert("RGB")
        width, height = image.size
        s = self.size
        scale = min(s / width, s / height)
        # resize_with_pad's own geometry: resized side = floor(side * scale), padding split with the odd pixel last.
        rw, rh = max(1, int(width * scale)), max(1, int(height * scale))
        pad_x, pad_y = (s - rw) // 2, (s - rh) // 2
        padded = tf.image.resize_with_pad(np.asarray(image), s, s)
        canvas = tf.cast(padded, tf.uint8).numpy() if self.dtype == np.uint8 else padded.numpy()
        scale_x, scale_y = rw / width, rh / height
        t1 = time.perf_counter()
        interpreter = self.idle.get()
        try:
            input_index = interpreter.get_input_details()[0]["index"]
            output_index = interpreter.get_output_details()[0]["index"]
            interpreter.set_tensor(input_index, canvas[np.newaxis].astype(self.dtype))
            t2 = time.perf_counter()
            interpreter.invoke()
            t3 = time.perf_counter()
            out = interpreter.get_tensor(output_index)[0, 0]
        finally:
            self.idle.put(interpreter)
        keypoints = []
        for i, (y, x, score) in enumerate(out):
            px = (float(x) * s - pad_x) / scale_x
            py = (float(y) * s - pad_y) / scale_y
            keypoints.append({"name": NAMES[i], "x": round(min(max(px, 0), width), 2),
                              "y": round(min(max(py, 0), height), 2), "score": round(float(score), 4)})
        t4 = time.perf_counter()
        return {"image": {"width": width, "height": height}, "keypoints": keypoints,
                "timingsMs": {"preprocess": (t1 - t0) * 1e3, "inference": (t3 - t2) * 1e3,
                              "total": (t4 - t0) * 1e3}}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    pool = None

    def do_GET(self):
        self.reply(200 if self.path == "/ping" else 404, {"status": "ready"})

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        try:
            self.reply(200, Handler.pool.estimate(body))
        except Exception as e:  # a benchmark peer: any failure is a 400 with the reason
            self.reply(400, {"error": {"code": "invalid_image", "message": str(e)}})

    def reply(self, status, payload):
        data = json.dumps(payload).encode("ascii")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def main():
    model_path, port, workers = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    Handler.pool = Pool(model_path, workers)
    # Warm up every interpreter once, like the Java server before it reports ready.
    for _ in range(workers):
        interpreter = Handler.pool.idle.get()
        interpreter.invoke()
        Handler.pool.idle.put(interpreter)
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    print("peer ready on port %d (TensorFlow %s, %d interpreter(s) x 1 thread)" % (port, tf.__version__, workers),
          flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
