"""How a clip's crop logits are best pooled into one score: the same held-out logits, several poolings.

    /usr/bin/python3 training/faceswap/pooling.py .cache/faceswap/run6/logits.json

Reads the logits.json that `train.py --logits` writes (every held-out crop's logit and time, per
clip and fold) and prints, for each pooling, the figures train.py reports (its `summarise`: AUC of
swaps and of the other fake kinds against genuine clips, the share of pairs with the swap above its
own original). Poolings over a clip's crops in time order: the mean (what train.py reports), the
median, the 90th percentile, the spread (standard deviation), and the flicker (mean absolute change
from one crop to the next, the network's reading jumping where a swap's blend boundary flickers). A clip scored by several folds
(the kinds never trained on) gets the mean of its folds' scores.
"""
import json
import sys
from types import SimpleNamespace

import numpy as np

from train import summarise

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


def main():
    data = json.load(open(sys.argv[1]))
    # train.py's own figures, from the clips' manifest entries as logits.json keeps them.
    clips = [SimpleNamespace(name=n, **c) for n, c in data["clips"].items()]
    for name, pool in POOLINGS.items():
        fig = summarise(pooled_scores(data, pool), clips)
        print(f"{name:8} " + json.dumps({k: round(v, 2) if isinstance(v, float) else v for k, v in fig.items()}))


if __name__ == "__main__":
    main()
