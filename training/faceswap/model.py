"""The face-swap network: four 3x3 convolutions on the 64 px aligned crop, about 42 k weights and
8 M multiply-adds, small enough to run in plain TypeScript (src/faceswap/SwapNet.ts) a few times a
second. Its export is the format that file reads: see `export_weights`."""
import json
import struct

import torch
from torch import nn

INPUT_PX = 64  # the default crop side; the network itself takes any side (it ends in a global mean)
CHANNELS = (3, 12, 24, 48, 64)


class SwapNet(nn.Module):
    def __init__(self):
        super().__init__()
        blocks = []
        for i in range(4):
            blocks += [
                nn.Conv2d(CHANNELS[i], CHANNELS[i + 1], 3, padding=1, bias=False),
                nn.BatchNorm2d(CHANNELS[i + 1]),
                nn.ReLU(inplace=True),
            ]
            if i < 3:
                blocks.append(nn.MaxPool2d(2))
        self.features = nn.Sequential(*blocks)
        self.drop = nn.Dropout(0.2)
        self.head = nn.Linear(CHANNELS[-1], 1)

    def forward(self, x):  # x: B x 3 x side x side, pixel / 255 - 0.5
        x = self.features(x).mean(dim=(2, 3))
        return self.head(self.drop(x)).squeeze(1)  # logit: > 0 leans "swap"


def to_input(rgb_uint8) -> torch.Tensor:
    """B x H x W x 3 bytes -> the network's input, as src/faceswap/SwapNet.ts prepares it."""
    x = torch.as_tensor(rgb_uint8).float().permute(0, 3, 1, 2)
    return x / 255.0 - 0.5


def export_weights(model: SwapNet, path: str, input_px: int = INPUT_PX) -> None:
    """Writes the network with each batch norm folded into its convolution: a little-endian file of
    'SWPN', a uint32 header length, a JSON header ({inputPx, layers: [{type, in, out, offset}]}, offsets
    in float32s) and then every float32. A conv layer holds out x in x 3 x 3 weights then out biases;
    the dense layer in weights then one bias."""
    model = model.eval()
    floats: list[torch.Tensor] = []
    layers = []
    offset = 0
    mods = list(model.features)
    for i, m in enumerate(mods):
        if isinstance(m, nn.Conv2d):
            bn = mods[i + 1]
            assert isinstance(bn, nn.BatchNorm2d)
            scale = bn.weight / torch.sqrt(bn.running_var + bn.eps)
            w = m.weight * scale[:, None, None, None]
            b = bn.bias - bn.running_mean * scale
            pool = i + 3 < len(mods) and isinstance(mods[i + 3], nn.MaxPool2d)
            layers.append({"type": "conv3x3relu", "in": m.in_channels, "out": m.out_channels,
                           "pool": pool, "offset": offset})
            for t in (w, b):
                floats.append(t.detach().flatten())
                offset += t.numel()
    layers.append({"type": "meanDense", "in": model.head.in_features, "out": 1, "offset": offset})
    floats += [model.head.weight.detach().flatten(), model.head.bias.detach().flatten()]
    header = json.dumps({"inputPx": input_px, "layers": layers}).encode()
    header += b" " * ((4 - len(header) % 4) % 4)
    body = torch.cat(floats).to(torch.float32).numpy().astype("<f4").tobytes()
    with open(path, "wb") as fh:
        fh.write(b"SWPN" + struct.pack("<I", len(header)) + header + body)
