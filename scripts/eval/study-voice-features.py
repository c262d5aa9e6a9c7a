"""Would a richer description of the voice, or a per-call baseline, tell a mouth's own voice from
another's better than the lip-sync detector's loudness cue? A study: it prints figures, changes nothing.

    npm run eval:lipsync -- --variants original --seconds 20 --dump traces.json
    /usr/bin/python3 scripts/eval/study-voice-features.py traces.json [--bands 16] [--pairs 3] [--reg 1]

(numpy: Debian's python3-numpy, which `npm run train:faceswap:setup` installs.)

Each genuine talking run's mouth (the traced inner-lip aperture and mouth blendshapes, left and right
summed; and the traced mouth-motion value) is paired with its own voice and with every other run's.
Three cues are scored the way the tracker scores its evidence: 4 s windows a second apart from the
start, each window's correlation at every lag within ±600 ms on equal samples, the mean curve of the
windows in the first S seconds, its peak minus its median.

- `loudness`: the traced mouth-motion value against the traced speech sub-bands mixed with the
  shipped weights (what the tracker compares).
- `spectrum`: the played file's voice as `--bands` log-mel bands (20 ms slots, 80-7600 Hz, each above
  its 5th percentile, 100 ms smoothing), put on the page clock by its loudness against the traced
  level; the mouth features against it through the first `--pairs` pairs of a regularised canonical
  correlation analysis (each covariance plus `--reg` × identity), fitted on the other runs only (for a
  pair of runs, both left out), the pairs' curves averaged.
- `baseline`: the loudness cue less the highest of the same measure with the voice moved by 1.6, 2.2
  or 2.8 s either way (decoys: the same voice where it cannot be in step), so each call is its own
  baseline.

Printed: AUC of own against other voices at 6, 8 and 10 s, and how many other voices read below the
lowest own voice. Both series lose their 500 ms moving average and are standardised over the run.
"""
import argparse
import json
import os
import re
import subprocess
import sys

import numpy as np

SLOT_MS = 20
HOP = 320  # 20 ms at 16 kHz
BAND_WEIGHTS_SRC = os.path.join(os.path.dirname(__file__), "..", "..", "src", "audio", "speechBands.ts")
CACHE = os.path.join(".cache", "eval", "lipsync-unlooped")
SHAPES = [["jawOpen"], ["mouthClose"], ["mouthFunnel"], ["mouthPucker"],
          ["mouthLowerDownLeft", "mouthLowerDownRight"], ["mouthUpperUpLeft", "mouthUpperUpRight"],
          ["mouthRollLower"], ["mouthRollUpper"], ["mouthStretchLeft", "mouthStretchRight"],
          ["mouthSmileLeft", "mouthSmileRight"], ["mouthPressLeft", "mouthPressRight"],
          ["mouthShrugLower"], ["mouthShrugUpper"]]  # fmt: skip
DECOYS = [-140, -110, -80, 80, 110, 140]  # slots: ±1.6, ±2.2, ±2.8 s


def band_weights() -> np.ndarray:
    found = re.search(r"SPEECH_BAND_WEIGHTS[^=]*=\s*\[([^\]]*)\]", open(BAND_WEIGHTS_SRC).read())
    if not found:
        sys.exit(f"could not read SPEECH_BAND_WEIGHTS from {BAND_WEIGHTS_SRC}")
    return np.array([float(v) for v in found.group(1).split(",")])


def prepare(x: np.ndarray) -> np.ndarray:
    """Minus the centred 500 ms moving average (where over half of it is known), standardised."""
    ok = np.isfinite(x)
    xs = np.where(ok, x, 0.0)
    cs, cn = np.concatenate([[0], np.cumsum(xs)]), np.concatenate([[0], np.cumsum(ok)])
    i = np.arange(len(x))
    a, b = np.maximum(0, i - 12), np.minimum(len(x), i + 13)
    n = cn[b] - cn[a]
    out = np.where(ok & (n > 12), x - (cs[b] - cs[a]) / np.maximum(n, 1), np.nan)
    v = out[np.isfinite(out)]
    return (out - v.mean()) / (v.std() or 1.0) if len(v) > 1 else out


def mel_bank(bands: int, n_fft: int = 512, fmin: float = 80, fmax: float = 7600) -> np.ndarray:
    mel = lambda f: 2595 * np.log10(1 + f / 700)  # noqa: E731
    edges = 700 * (10 ** (np.linspace(mel(fmin), mel(fmax), bands + 2) / 2595) - 1)
    freqs = np.fft.rfftfreq(n_fft, 1 / 16000)
    return np.stack([np.clip(np.minimum((freqs - l) / (c - l), (r - freqs) / (r - c)), 0, None)
                     for l, c, r in zip(edges, edges[1:], edges[2:])])


def played_file(key: str) -> str:
    clip, variant = key.split("#")
    base = os.path.splitext(os.path.basename(clip))[0]
    for d in sorted(os.listdir(CACHE)):
        if d.startswith(base + "-") and os.path.exists(os.path.join(CACHE, d, variant + ".mp4")):
            return os.path.join(CACHE, d, variant + ".mp4")
    sys.exit(f"{key}: its played file is gone from {CACHE} (run eval:lipsync again)")


def load(key: str, trace: list, slots: int, bank: np.ndarray, weights: np.ndarray) -> dict:
    pcm = np.frombuffer(subprocess.run(
        ["ffmpeg", "-v", "error", "-i", played_file(key), "-ac", "1", "-ar", "16000", "-f", "f32le", "-"],
        capture_output=True, check=True).stdout, np.float32).astype(float)
    audio = sorted((e for e in trace if e["k"] == "a"), key=lambda e: e["t"])
    t0 = audio[0]["t"]
    level, bands = np.full(slots, np.nan), np.full((slots, len(weights)), np.nan)
    for e in audio:
        for i, v in enumerate(e["l"]):
            j = round((e["t"] + i * SLOT_MS - t0) / SLOT_MS)
            if 0 <= j < slots:
                level[j] = v
                if "b" in e:
                    bands[j] = e["b"][i * len(weights) : (i + 1) * len(weights)]
    voice = bands @ weights if np.isfinite(bands).any() else level.copy()
    voice = np.convolve(np.nan_to_num(voice - np.nanpercentile(voice, 5)), np.ones(5) / 5, "same")
    # The file on the page clock: its loudness against the traced level.
    n = len(pcm) // HOP
    file_level = 10 * np.log10((pcm[: n * HOP].reshape(n, HOP) ** 2).mean(axis=1) + 1e-10)
    known = np.isfinite(level)
    start = max(range(n - slots + 1), key=lambda s: np.corrcoef(level[known], file_level[s : s + slots][known])[0, 1])
    pad = np.concatenate([np.zeros(256), pcm, np.zeros(512)])
    frames = np.stack([pad[k * HOP + 160 : k * HOP + 160 + 512] * np.hanning(512) for k in range(n)])
    mel = np.log(np.abs(np.fft.rfft(frames, axis=1)) ** 2 @ bank.T + 1e-8)[start : start + slots]
    mel = np.stack([prepare(np.convolve(np.maximum(b, np.percentile(b, 5)), np.ones(5) / 5, "same"))
                    for b in mel.T], axis=1)
    seen = sorted((e for e in trace if e["k"] == "f" and e.get("u")), key=lambda e: e["t"])
    ft = np.array([e["t"] for e in seen])
    feats = np.array([[e["m"], e["v"]] + [sum(e.get("s", {}).get(n, 0) for n in s) for s in SHAPES] for e in seen])
    grid = np.full((slots, feats.shape[1]), np.nan)
    for j in range(slots):
        t = t0 + (j + 0.5) * SLOT_MS
        i = np.searchsorted(ft, t, side="right") - 1
        if 0 <= i < len(ft) - 1 and ft[i + 1] - ft[i] <= 150:
            w = (t - ft[i]) / (ft[i + 1] - ft[i])
            grid[j] = feats[i] * (1 - w) + feats[i + 1] * w
    mouth = np.stack([prepare(grid[:, k]) for k in range(grid.shape[1])], axis=1)
    return {"key": key, "motion": mouth[:, 1], "shapes": np.delete(mouth, 1, axis=1),
            "voice": prepare(voice), "mel": mel}


SECONDS = (6, 8, 10)


def window_curves(x: np.ndarray, y: np.ndarray, base: int = 0) -> list:
    """The lag curve of each 4 s window a second apart in the first max(SECONDS) s (y moved by `base`
    slots); None for a window with too few samples at some lag."""
    out = []
    for w in range(0, max(SECONDS) * 50 - 200 + 1, 50):
        xs, row = x[w + 30 : w + 170], []
        for lag in range(-30, 31):
            a = w + 30 + lag + base
            ys = y[a : a + 140] if 0 <= a and a + 140 <= len(y) else np.full(140, np.nan)
            ok = np.isfinite(xs) & np.isfinite(ys)
            row.append(np.corrcoef(xs[ok], ys[ok])[0, 1] if ok.sum() > 50 else np.nan)
        out.append(row if np.all(np.isfinite(row)) else None)
    return out


def evidence(curves: list, seconds: int) -> float:
    """Peak minus median of the mean lag curve of the windows within the first `seconds`."""
    kept = [c for c in curves[: seconds - 4 + 1] if c is not None]
    if not kept:
        return np.nan
    c = np.mean(kept, axis=0)
    return float(c.max() - np.median(c))


def cca(runs: list[dict], pairs: int, reg: float) -> tuple[np.ndarray, np.ndarray]:
    X = np.concatenate([r["shapes"] for r in runs])
    Y = np.concatenate([r["mel"] for r in runs])
    ok = np.isfinite(X).all(axis=1) & np.isfinite(Y).all(axis=1)
    X, Y = X[ok], Y[ok]
    cxx, cyy, cxy = X.T @ X / len(X) + reg * np.eye(X.shape[1]), Y.T @ Y / len(Y) + reg * np.eye(Y.shape[1]), X.T @ Y / len(X)
    ex, ux = np.linalg.eigh(cxx)
    wx = ux @ np.diag(ex**-0.5) @ ux.T
    ev, u = np.linalg.eigh(wx @ cxy @ np.linalg.solve(cyy, cxy.T) @ wx)
    a = wx @ u[:, np.argsort(ev)[::-1][:pairs]]
    return a, np.linalg.solve(cyy, cxy.T) @ a


def auc(pos: list[float], neg: list[float]) -> float:
    return float(np.mean([(p > q) + 0.5 * (p == q) for p in pos for q in neg]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("traces")
    ap.add_argument("--manifest", default=os.path.join("..", "shared", "media", "manifest.json"))
    ap.add_argument("--bands", type=int, default=16)
    ap.add_argument("--pairs", type=int, default=3)
    ap.add_argument("--reg", type=float, default=1.0)
    args = ap.parse_args()
    kinds = {c["file"]: c["kind"] for c in json.load(open(args.manifest))["clips"]}
    traces = json.load(open(args.traces))
    bank, weights = mel_bank(args.bands), band_weights()
    runs = [load(k, t, 20000 // SLOT_MS, bank, weights) for k, t in traces.items()
            if k.endswith("#original") and kinds.get(k.split("#")[0]) == "talking"]
    print(f"{len(runs)} genuine talking runs; {len(runs) * (len(runs) - 1)} pairings with another voice")
    # Each pairing's curves once (the shorter spans are their first windows); a fit leaves both runs out.
    cues = {s: {"loudness": ([], []), "spectrum": ([], []), "baseline": ([], [])} for s in SECONDS}
    for i, m in enumerate(runs):
        for j, v in enumerate(runs):
            a, b = cca([r for k, r in enumerate(runs) if k not in (i, j)], args.pairs, args.reg)
            own = 0 if i == j else 1
            loud = window_curves(m["motion"], v["voice"])
            decoys = [window_curves(m["motion"], v["voice"], d) for d in DECOYS]
            spectrum = [window_curves(m["shapes"] @ a[:, p], v["mel"] @ b[:, p]) for p in range(a.shape[1])]
            for seconds in SECONDS:
                at, e = cues[seconds], evidence(loud, seconds)
                at["loudness"][own].append(e)
                at["baseline"][own].append(e - np.nanmax([evidence(d, seconds) for d in decoys]))
                at["spectrum"][own].append(np.mean([evidence(c, seconds) for c in spectrum]))
    for seconds in SECONDS:
        print(f"{seconds:>3} s  " + "   ".join(
            f"{name} AUC {auc(o, f):.3f} ({sum(x < min(o) for x in f)} of {len(f)} below every own voice)"
            for name, (o, f) in cues[seconds].items()))


if __name__ == "__main__":
    main()
