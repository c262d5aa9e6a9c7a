"""How a clip's crop logits are best pooled into one score: the same held-out logits, several poolings.

    /usr/bin/python3 training/faceswap/pooling.py .cache/faceswap/run6/logits.json

Reads the logits.json that `train.py --logits` writes (every held-out crop's logit and time, per
clip and fold) and prints, for each pooling, the AUC of swaps against genuine clips, the share of
pairs with the swap above its own original, and the AUC of the other fake kinds. Poolings over a
clip's crops in time order: the mean (what train.py reports), the median, the 90th percentile, the
spread (standard deviation), and the flicker (mean absolute change from one crop to the next, the
network's reading jumping where a swap's blend boundary flickers). A clip scored by several folds
(the kinds never trained on) gets the mean of its folds' scores.
"""
import json
import sys

import numpy as np

from train import auc

POOLINGS = {
    "mean": np.mean,
    "median": np.median,
    "p90": lambda x: np.percentile(x, 90),
    "spread": np.std,
    "flicker": lambda x: float(np.mean(np.abs(np.diff(x)))) if len(x) > 1 else float("nan"),
}


def pooled_scores(data: dict, pool) -> dict[str, float]:
    out = {}
    for name, runs in data["logits"].items():
        s = [pool(np.asarray(r["logit"], dtype=np.float64)[np.argsort(r["tMs"])]) for r in runs if r["logit"]]
        if s:
            out[name] = float(np.mean(s))
    return out


def figures(scores: dict[str, float], clips: dict) -> dict:
    genuine = [v for n, v in scores.items() if clips[n]["label"] == "real"]
    fig: dict = {"genuine": len(genuine)}
    for kind in sorted({c["kind"] for n, c in clips.items() if n in scores and c["label"] == "fake"}):
        fakes = [v for n, v in scores.items() if clips[n]["label"] == "fake" and clips[n]["kind"] == kind]
        fig[f"auc_{kind}"] = auc(fakes, genuine)
    swaps = {clips[n]["pair"]: v for n, v in scores.items() if clips[n]["kind"] == "faceswap" and clips[n]["label"] == "fake"}
    originals = {clips[n]["pair"]: v for n, v in scores.items() if clips[n]["kind"] == "faceswap" and clips[n]["label"] == "real"}
    pairs = [p for p in swaps if p in originals]
    fig["pairs_above"] = f"{sum(swaps[p] > originals[p] for p in pairs)} of {len(pairs)}"
    return fig


def main():
    data = json.load(open(sys.argv[1]))
    for name, pool in POOLINGS.items():
        fig = figures(pooled_scores(data, pool), data["clips"])
        cells = "  ".join(f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}" for k, v in fig.items())
        print(f"{name:8} {cells}")


if __name__ == "__main__":
    main()
