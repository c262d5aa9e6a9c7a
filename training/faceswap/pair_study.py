"""What a DeepFaceLive swap changes in the crop the extension sees, and whether a simulated blend
changes the same.

    /usr/bin/python3 training/faceswap/pair_study.py --crops .cache/faceswap/crops

Each swap pair is the same footage before and after the swap, so any difference between the two
clips' crops is the swap's. Detail is the mean absolute Laplacian of the grey crop, measured in rings
of the face oval (from the landmarks; 1.0 is the oval itself) on every third crop, the median per
clip. Printed: per ring, the swap's detail over its original's (median over pairs) and in how many
pairs it is lower; then the same ratio for the self-blended fakes augment.py makes from genuine crops
(`self_blended`, `dfl_blended`; every 25th crop of every genuine clip, fake over the crop it was made
from); then a hand-made score from it (less detail at the outline than inside and outside the face)
as a detector: AUC against genuine clips and pairs with the swap above its own original. A study that
says which blend to simulate; it trains nothing.
"""
import argparse

import numpy as np
from PIL import Image, ImageDraw

from augment import FACE_OVAL, dfl_blended, self_blended
from data import load_clips
from train import auc

RINGS = [(0, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 0.9), (0.9, 1.0), (1.0, 1.1), (1.1, 1.2), (1.2, 1.35), (1.35, 1.6)]
OUTLINE, INNER, OUTER = 4, 1, 8  # the rings at 0.9-1.0, 0.4-0.6 and 1.35-1.6 of the oval


def oval_mask(lm: np.ndarray, side: int, scale: float) -> np.ndarray:
    pts = lm[FACE_OVAL]
    c = pts.mean(axis=0)
    img = Image.new("L", (side, side), 0)
    ImageDraw.Draw(img).polygon([tuple(p) for p in (c + (pts - c) * scale).tolist()], fill=1)
    return np.asarray(img, dtype=bool)


def laplacian(grey: np.ndarray) -> np.ndarray:
    g = grey.astype(np.float32)
    out = np.zeros_like(g)
    out[1:-1, 1:-1] = 4 * g[1:-1, 1:-1] - g[:-2, 1:-1] - g[2:, 1:-1] - g[1:-1, :-2] - g[1:-1, 2:]
    return np.abs(out)


def ring_masks(lm: np.ndarray, side: int) -> list[np.ndarray]:
    """The pixels of each of RINGS: inside the oval scaled to its outer edge, outside its inner one."""
    masks = {s: oval_mask(lm, side, s) for s in sorted({x for r in RINGS for x in r if x > 0})}
    return [masks[b] & ~masks[a] if a > 0 else masks[b] for a, b in RINGS]


def profile(rgb: np.ndarray, lm: np.ndarray) -> np.ndarray:
    """Detail in each ring of the face oval (NaN where a ring holds under 6 pixels)."""
    lap = laplacian(rgb.mean(axis=2))
    return np.array([lap[m].mean() if m.sum() > 5 else np.nan for m in ring_masks(lm, rgb.shape[0])])


def print_pair_ratios(clips, prof: dict[str, np.ndarray], side: str) -> np.ndarray:
    """Prints, per ring, each swap's value over its original's (median over the pairs) and in how many
    pairs it is `side` ("lower" or "higher"); returns the pairs' ratios."""
    pairs: dict[str, dict] = {}
    for c in clips:
        if c.kind == "faceswap":
            pairs.setdefault(c.pair, {})[c.label] = prof[c.name]
    ratios = np.array([d["fake"] / d["real"] for d in pairs.values() if len(d) == 2])
    counted = ratios < 1 if side == "lower" else ratios > 1
    print("ring of the face oval:       " + " ".join(f"{a:.2f}-{b:.2f}" for a, b in RINGS))
    print("swap / its original:          " + " ".join(f"{v:9.3f}" for v in np.nanmedian(ratios, axis=0)))
    print(f"  pairs {side} (of {len(ratios)}):".ljust(31) + " ".join(f"{v:9d}" for v in counted.sum(axis=0)))
    return ratios


def print_detector(clips, score: dict[str, float], title: str, other_kinds: bool = False) -> None:
    """Prints a per-clip score as a detector: AUC of swaps against the genuine clips, pairs with the
    swap above its own original, and (`other_kinds`) each other fake kind against the genuine clips."""
    real = [score[c.name] for c in clips if c.label == "real" and np.isfinite(score[c.name])]
    swaps = {c.pair: score[c.name] for c in clips if c.kind == "faceswap" and c.label == "fake"}
    originals = {c.pair: score[c.name] for c in clips if c.kind == "faceswap" and c.label == "real"}
    print(f"\n{title}, as a detector:"
          f"\n  swaps against {len(real)} genuine clips AUC {auc(list(swaps.values()), real):.2f}, "
          f"swap above its own original in {sum(swaps[p] > originals[p] for p in swaps if p in originals)} "
          f"of {len(swaps)} pairs")
    if other_kinds:
        for kind in sorted({c.kind for c in clips if c.label == "fake" and c.kind != "faceswap"}):
            fakes = [score[c.name] for c in clips if c.kind == kind and c.label == "fake"]
            print(f"  {kind} ({len(fakes)} clips) against genuine: AUC {auc(fakes, real):.2f}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--crops", default=".cache/faceswap/crops")
    ap.add_argument("--px", type=int, default=64)
    args = ap.parse_args()
    clips = load_clips(args.crops, args.px)
    prof = {c.name: np.nanmedian([profile(c.rgb[i], c.landmarks[i]) for i in range(0, len(c.rgb), 3)], axis=0)
            for c in clips}
    print_pair_ratios(clips, prof, "lower")
    rng = np.random.default_rng(0)
    crops = [(c.rgb[i], c.landmarks[i]) for c in clips if c.label == "real" for i in range(0, len(c.rgb), 25)]
    own = [profile(rgb, lm) for rgb, lm in crops]
    for name, blend in (("self_blended", self_blended), ("dfl_blended", dfl_blended)):
        r = [profile(blend(rgb, lm, rng), lm) / p for (rgb, lm), p in zip(crops, own)]
        print(f"{name + ' / its crop:':30}" + " ".join(f"{v:9.3f}" for v in np.nanmedian(r, axis=0)))
    score = {n: -(np.log(p[OUTLINE]) - 0.5 * np.log(p[INNER]) - 0.5 * np.log(p[OUTER])) for n, p in prof.items()}
    print_detector(clips, score, "less detail at the outline (0.9-1.0) than inside (0.4-0.6) and outside (1.35-1.6)")

if __name__ == "__main__":
    main()
