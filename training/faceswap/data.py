"""Crops the extension took (scripts/train/extract-crops.mjs), grouped by identity for honest folds.

Every clip of the manifest was played on the demo call and the analyzer handed back its aligned face
crop of each analysed frame: `<name>.rgb` (N x side x side x 3 bytes) and `<name>.json` (the clip's
manifest entry, the side, and per crop its time and its 478 landmarks in crop pixels).
"""
import json
import os
import re
from dataclasses import dataclass

import numpy as np


@dataclass
class Clip:
    name: str
    file: str
    label: str  # 'real' or 'fake'
    kind: str  # talking, expressive, faceswap, lipsync, synthetic, ...
    pair: str | None
    identity: str  # what a fold holds out: the face model for swap pairs, the clip otherwise
    rgb: np.ndarray  # N x S x S x 3, uint8
    landmarks: np.ndarray  # N x 478 x 2, float32, crop pixels
    times_ms: np.ndarray  # N, from the clip's first frame


def identity_of(entry: dict) -> str:
    """A swap pair's face model (`dfl_Tim_Chrys_2` -> `Tim_Chrys`); any other clip is its own."""
    pair = entry.get("pair")
    if entry.get("kind") == "faceswap" and pair:
        return re.sub(r"^dfl_", "", re.sub(r"_\d+$", "", pair))
    return os.path.splitext(os.path.basename(entry["file"]))[0]


def load_clips(folder: str, side: int) -> list[Clip]:
    clips = []
    for f in sorted(os.listdir(folder)):
        if not f.endswith(".json"):
            continue
        with open(os.path.join(folder, f)) as fh:
            meta = json.load(fh)
        if meta.get("sidePx") != side or not meta["crops"]:
            continue
        name = f[: -len(".json")]
        raw = np.fromfile(os.path.join(folder, name + ".rgb"), dtype=np.uint8)
        n = len(meta["crops"])
        if raw.size != n * side * side * 3:
            raise ValueError(f"{name}: {raw.size} bytes for {n} crops of {side} px")
        lm = np.array([c["lm"] for c in meta["crops"]], dtype=np.float32).reshape(n, -1, 2)
        clips.append(
            Clip(
                name=name,
                file=meta["file"],
                label=meta["label"],
                kind=meta["kind"],
                pair=meta.get("pair"),
                identity=identity_of(meta),
                rgb=raw.reshape(n, side, side, 3),
                landmarks=lm,
                times_ms=np.array([c["t"] for c in meta["crops"]], dtype=np.float32),
            )
        )
    return clips


def folds(clips: list[Clip], k: int) -> list[set[str]]:
    """k sets of held-out identities: the swap face models, the talking and the expressive clips each
    dealt round in name order, so every fold holds out some of each kind of genuine face."""
    out: list[set[str]] = [set() for _ in range(k)]
    for kind in ("faceswap", "talking", "expressive"):
        ids = sorted({c.identity for c in clips if c.kind == kind})
        for i, ident in enumerate(ids):
            out[i % k].add(ident)
    return out
