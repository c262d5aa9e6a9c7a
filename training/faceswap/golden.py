"""A golden value for the TypeScript runner's test: the exported network's logit, computed by PyTorch
from the exported file itself, on a made-up picture (no one's face) that test/unit/faceswap makes too.

    /usr/bin/python3 training/faceswap/golden.py models/face-swap/face-swap-net.bin
"""
import json
import struct
import sys

import numpy as np
import torch
import torch.nn.functional as F


def picture(side: int) -> np.ndarray:
    """side x side x 3 bytes: R = (4x + 7xy mod 61), G = (4y + (13x + 5y) mod 37), B = (2(x + y) + xy mod 23), each mod 256."""
    y, x = np.mgrid[0:side, 0:side]
    r = (4 * x + (7 * x * y) % 61) % 256
    g = (4 * y + (13 * x + 5 * y) % 37) % 256
    b = (2 * (x + y) + (x * y) % 23) % 256
    return np.stack([r, g, b], axis=-1).astype(np.uint8)


def logit_from_file(path: str, rgb: np.ndarray) -> float:
    raw = open(path, "rb").read()
    assert raw[:4] == b"SWPN"
    (n,) = struct.unpack("<I", raw[4:8])
    header = json.loads(raw[8 : 8 + n])
    w = torch.from_numpy(np.frombuffer(raw[8 + n :], dtype="<f4").copy())
    x = torch.as_tensor(rgb).float().permute(2, 0, 1)[None] / 255.0 - 0.5
    for layer in header["layers"]:
        o, i, at = layer["out"], layer["in"], layer["offset"]
        if layer["type"] == "conv3x3relu":
            k = w[at : at + o * i * 9].reshape(o, i, 3, 3)
            b = w[at + o * i * 9 : at + o * i * 9 + o]
            x = F.relu(F.conv2d(x, k, b, padding=1))
            if layer["pool"]:
                x = F.max_pool2d(x, 2)
        else:
            x = x.mean(dim=(2, 3))
            return float(x[0] @ w[at : at + i] + w[at + i])
    raise ValueError("no dense layer")


if __name__ == "__main__":
    path = sys.argv[1]
    raw = open(path, "rb").read()
    (n,) = struct.unpack("<I", raw[4:8])
    side = json.loads(raw[8 : 8 + n])["inputPx"]
    print(json.dumps({"file": path, "picture": "golden.py picture()", "logit": logit_from_file(path, picture(side))}))
