"""Does a DeepFaceLive swap flicker where it is blended? The "time" lever, measured before any
network is trained on frame stacks.

    /usr/bin/python3 training/faceswap/temporal_study.py --crops .cache/faceswap/crops

A swap is generated frame by frame and pasted through a soft mask, so the band around the face
outline may change from one frame to the next more than the picture's motion explains. Flicker is
measured on each pair of consecutive crops of a clip (at most `--max-gap-ms` apart): the mean
absolute change of the grey crop (each crop less its own mean, so a change of exposure drops out)
in each ring of the face oval (pair_study's rings, from the two crops' mean landmarks), over the
mean detail (absolute Laplacian) of the same ring, as motion of an aligned crop changes each pixel
in proportion to its detail; the median over the clip's pairs. Printed: per ring, the swap's flicker
over its original's (median over pairs) and in how many pairs it is higher; then a hand-made score
(more flicker at the outline than inside and outside the face) as a detector: AUC of swaps against
genuine clips, pairs with the swap above its own original, and the other fake kinds against genuine.
A study: it trains nothing.
"""
import argparse

import numpy as np

from data import load_clips
from pair_study import INNER, OUTER, OUTLINE, RINGS, laplacian, print_detector, print_pair_ratios, ring_masks


def flicker_profile(rgb: np.ndarray, landmarks: np.ndarray, times_ms: np.ndarray, max_gap_ms: float) -> np.ndarray:
    """Flicker over detail in each ring, the median over consecutive crop pairs (NaN without any)."""
    grey = rgb.mean(axis=3).astype(np.float32)
    grey -= grey.mean(axis=(1, 2), keepdims=True)
    side = grey.shape[1]
    rows = []
    for i in range(1, len(grey)):
        if not 0 < times_ms[i] - times_ms[i - 1] <= max_gap_ms:
            continue
        change = np.abs(grey[i] - grey[i - 1])
        detail = (laplacian(grey[i]) + laplacian(grey[i - 1])) / 2
        masks = ring_masks((landmarks[i] + landmarks[i - 1]) / 2, side)
        rows.append([change[m].mean() / max(detail[m].mean(), 1e-3) if m.sum() > 5 else np.nan for m in masks])
    return np.nanmedian(np.array(rows), axis=0) if rows else np.full(len(RINGS), np.nan)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--crops", default=".cache/faceswap/crops")
    ap.add_argument("--px", type=int, default=64)
    ap.add_argument("--max-gap-ms", type=float, default=150)
    args = ap.parse_args()
    clips = load_clips(args.crops, args.px)
    prof = {c.name: flicker_profile(c.rgb, c.landmarks, c.times_ms, args.max_gap_ms) for c in clips}
    print_pair_ratios(clips, prof, "higher")
    score = {n: np.log(p[OUTLINE]) - 0.5 * np.log(p[INNER]) - 0.5 * np.log(p[OUTER]) for n, p in prof.items()}
    print_detector(
        clips, score, "more flicker at the outline (0.9-1.0) than inside (0.4-0.6) and outside (1.35-1.6)", True
    )

if __name__ == "__main__":
    main()
