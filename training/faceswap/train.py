"""Trains the face-swap network and measures it on faces it never saw.

    /usr/bin/python3 training/faceswap/train.py --crops .cache/faceswap/crops --out .cache/faceswap/run

Leave-identities-out cross-validation: each fold holds out some swap face models (their originals
and swaps), some talking and some expressive clips; the network trains on the rest and scores only
what it held out. Training data are genuine crops and self-blended fakes made from them (augment.py);
with --pairs the training face models' real swaps are added as fakes too. Every figure in the report
is pooled from held-out scores. A last network, trained on every genuine clip, is exported with a
golden value for the TypeScript runner's test (golden.py).
"""
import argparse
import hashlib
import json
import os
import time

import numpy as np
import torch
from torch import nn

from augment import call_quality, dfl_blended, self_blended
from data import Clip, folds, load_clips
from golden import logit_from_file, picture
from model import INPUT_PX, SwapNet, export_weights, to_input

GENUINE_KINDS = ("talking", "expressive", "faceswap")


def auc(pos: list[float], neg: list[float]) -> float | None:
    """Area under the ROC curve (Mann-Whitney, ties count half)."""
    if not pos or not neg:
        return None
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


# How a self-blended fake is made (augment.py): the generic blend, DeepFaceLive's way, or either.
BLENDS = {
    "sbi": self_blended,
    "dfl": dfl_blended,
    "mix": lambda img, lm, rng: (dfl_blended if rng.random() < 0.5 else self_blended)(img, lm, rng),
}


def sampler(train: list[Clip], pair_share: float, rng: np.random.Generator, blend: str = "sbi"):
    """Endless (crop, label) pairs: a genuine clip at random (each clip as likely as another, however
    long), then a crop of it, kept real or self-blended (by BLENDS[blend]) at even odds; a share
    `pair_share` of draws is instead a real swap of a training face model (label 1) or its original (label 0)."""
    genuine = [c for c in train if c.label == "real"]
    swaps = [c for c in train if c.kind == "faceswap" and c.label == "fake"]
    while True:
        if swaps and rng.random() < pair_share:
            fake = rng.random() < 0.5
            pool = swaps if fake else [c for c in genuine if c.kind == "faceswap"]
            c = pool[rng.integers(len(pool))]
            yield call_quality(c.rgb[rng.integers(len(c.rgb))], rng), float(fake)
            continue
        c = genuine[rng.integers(len(genuine))]
        i = rng.integers(len(c.rgb))
        img = c.rgb[i]
        if rng.random() < 0.5:
            yield call_quality(BLENDS[blend](img, c.landmarks[i], rng), rng), 1.0
        else:
            yield call_quality(img, rng), 0.0


def train_one(train: list[Clip], args, seed: int) -> SwapNet:
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    model = SwapNet()
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=args.epochs * args.steps)
    loss_fn = nn.BCEWithLogitsLoss()
    draw = sampler(train, args.pair_share if args.pairs else 0.0, rng, args.blend)
    for epoch in range(args.epochs):
        model.train()
        total = 0.0
        for _ in range(args.steps):
            batch = [next(draw) for _ in range(args.batch)]
            x = to_input(np.stack([b[0] for b in batch]))
            y = torch.tensor([b[1] for b in batch])
            loss = loss_fn(model(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            total += loss.item()
        print(f"  epoch {epoch + 1}/{args.epochs}: loss {total / args.steps:.3f}", flush=True)
    return model.eval()


@torch.no_grad()
def clip_scores(model: SwapNet, clip: Clip) -> np.ndarray:
    """The network's logit on every crop of the clip, as the extension would see it (no augmentation)."""
    out = []
    for i in range(0, len(clip.rgb), 256):
        out.append(model(to_input(clip.rgb[i : i + 256])).numpy())
    return np.concatenate(out) if out else np.zeros(0)


def summarise(scores: dict[str, float], clips: list[Clip]) -> dict:
    """Clip-level figures from one score per clip: AUC of swaps and of each other fake kind against
    every genuine clip, AUC of swaps against their own kind's originals, the share of pairs with the
    swap above its own original, and how many swaps score above every genuine clip."""
    by = {c.name: c for c in clips if c.name in scores}
    genuine = [scores[n] for n, c in by.items() if c.label == "real"]
    out: dict = {"genuineClips": len(genuine)}
    for kind in sorted({c.kind for c in by.values() if c.label == "fake"}):
        fakes = [scores[n] for n, c in by.items() if c.label == "fake" and c.kind == kind]
        out[f"auc_{kind}_vs_genuine"] = auc(fakes, genuine)
        out[f"n_{kind}"] = len(fakes)
    swaps = {c.pair: scores[n] for n, c in by.items() if c.kind == "faceswap" and c.label == "fake"}
    originals = {c.pair: scores[n] for n, c in by.items() if c.kind == "faceswap" and c.label == "real"}
    out["auc_swap_vs_originals"] = auc(list(swaps.values()), list(originals.values()))
    pairs = [p for p in swaps if p in originals]
    out["pairAccuracy"] = sum(swaps[p] > originals[p] for p in pairs) / len(pairs) if pairs else None
    out["pairs"] = len(pairs)
    top = max(genuine) if genuine else None
    out["swapsAboveEveryGenuine"] = sum(s > top for s in swaps.values()) if top is not None else None
    return out


def clip_score(logits: np.ndarray) -> float:
    """One number per clip: the mean crop logit (what pooling over time in the extension gives)."""
    return float(np.mean(logits)) if len(logits) else float("nan")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--crops", default=".cache/faceswap/crops")
    ap.add_argument("--out", default=".cache/faceswap/run")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--steps", type=int, default=120, help="batches per epoch")
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--pairs", action="store_true", help="add the training face models' swaps as fakes")
    ap.add_argument("--pair-share", type=float, default=0.25, help="with --pairs, the share of real swap pairs")
    ap.add_argument("--blend", choices=sorted(BLENDS), default="sbi",
                    help="self-blended fakes: sbi (generic), dfl (as DeepFaceLive pastes its face), mix")
    ap.add_argument("--px", type=int, default=INPUT_PX, help="crop side, as extracted with --side")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--no-final", action="store_true")
    ap.add_argument("--logits", action="store_true",
                    help="also write logits.json: every held-out crop's logit and time, per clip (for pooling studies)")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    os.makedirs(args.out, exist_ok=True)

    clips = load_clips(args.crops, args.px)
    if not clips:
        raise SystemExit(f"no {args.px} px crops in {args.crops}: run npm run train:faceswap:extract -- --side {args.px}")
    print(f"{len(clips)} clips, {sum(len(c.rgb) for c in clips)} crops")
    held = folds(clips, args.folds)
    trainable = [c for c in clips if c.kind in GENUINE_KINDS]
    scores: dict[str, list[float]] = {}
    crop_logits: dict[str, list[dict]] = {}
    per_fold = []
    started = time.time()
    for k, out_ids in enumerate(held):
        train = [c for c in trainable if c.identity not in out_ids]
        test = [c for c in clips if c.identity in out_ids or c.kind not in GENUINE_KINDS]
        print(f"fold {k + 1}/{len(held)}: holds out {sorted(out_ids)}; trains on {len(train)} clips", flush=True)
        t0 = time.time()
        model = train_one(train, args, args.seed + k)
        logits = {c.name: clip_scores(model, c) for c in test}
        fold_scores = {n: clip_score(x) for n, x in logits.items()}
        if args.logits:
            for c in test:
                crop_logits.setdefault(c.name, []).append(
                    {"fold": k + 1, "tMs": [round(float(t)) for t in c.times_ms],
                     "logit": [round(float(x), 4) for x in logits[c.name]]})
        for n, s in fold_scores.items():
            scores.setdefault(n, []).append(s)
        fig = summarise(fold_scores, test)
        fig["heldOut"] = sorted(out_ids)
        fig["trainSeconds"] = round(time.time() - t0)
        per_fold.append(fig)
        print("  " + json.dumps({k: v for k, v in fig.items() if k != "heldOut"}), flush=True)
    # A clip held out by one fold has one score; the other kinds (never trained on) are averaged.
    pooled = {n: float(np.mean(s)) for n, s in scores.items()}
    report = {
        "date": time.strftime("%Y-%m-%d"),
        "args": vars(args),
        "cropPx": args.px,
        "pooled": summarise(pooled, clips),
        "folds": per_fold,
        "clips": {
            c.name: {"label": c.label, "kind": c.kind, "identity": c.identity, "crops": len(c.rgb),
                     "score": round(pooled[c.name], 3)}
            for c in clips if c.name in pooled
        },
        "crossValidationSeconds": round(time.time() - started),
    }
    print("pooled: " + json.dumps(report["pooled"]))
    if not args.no_final:
        t0 = time.time()
        print("final network, on every genuine clip", flush=True)
        model = train_one(trainable, args, args.seed + 100)
        path = os.path.join(args.out, "face-swap-net.bin")
        export_weights(model, path, args.px)
        report["finalTrainSeconds"] = round(time.time() - t0)
        report["sha256"] = hashlib.sha256(open(path, "rb").read()).hexdigest()
        report["bytes"] = os.path.getsize(path)
        # The golden value for the TypeScript runner's test, from the exported file.
        report["golden"] = {"picture": "golden.py picture()", "logit": logit_from_file(path, picture(args.px))}
    with open(os.path.join(args.out, "report.json"), "w") as fh:
        json.dump(report, fh, indent=1)
    if args.logits:
        meta = {c.name: {"label": c.label, "kind": c.kind, "identity": c.identity, "pair": c.pair} for c in clips}
        with open(os.path.join(args.out, "logits.json"), "w") as fh:
            json.dump({"clips": meta, "logits": crop_logits}, fh)


if __name__ == "__main__":
    main()
