"""Training examples from genuine crops: self-blended fakes, and what a call does to any picture.

Self-blended images (Shiohara & Yamasaki, CVPR 2022): a genuine face blended onto a slightly altered
copy of itself inside a landmark-shaped mask. The fake then differs from its real only by a blend
boundary and a small mismatch of colour, sharpness and position, which is what every face swap leaves
and what no genuine face has, so the network learns that rather than one swap tool's look.
"""
import io

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

# FACEMESH_FACE_OVAL of the MediaPipe 478-point mesh, walked as a loop (as src/pixels/measureFacePixels).
FACE_OVAL = [
    10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148,
    176, 149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109,
]  # fmt: skip


def _soft_polygon(pts: np.ndarray, side: int, blur_px: float) -> np.ndarray:
    """The polygon `pts` (crop px) filled, blurred by a Gaussian of `blur_px` and scaled so its peak
    is 1; float32, side x side, in 0..1."""
    img = Image.new("L", (side, side), 0)
    ImageDraw.Draw(img).polygon([tuple(p) for p in pts.tolist()], fill=255)
    img = img.filter(ImageFilter.GaussianBlur(blur_px))
    m = np.asarray(img, dtype=np.float32) / 255.0
    return m / m.max() if m.max() > 0 else m


def _scaled(pil: Image.Image, s: float, dx: float = 0.0, dy: float = 0.0, resample=Image.BILINEAR) -> Image.Image:
    """The picture scaled by `s` about its centre and shifted by (dx, dy) px (PIL takes the inverse map)."""
    side = pil.size[0]
    c = side / 2
    return pil.transform(
        (side, side), Image.AFFINE, (1 / s, 0, c - (c + dx) / s, 0, 1 / s, c - (c + dy) / s), resample=resample
    )


def _mask(landmarks: np.ndarray, side: int, rng: np.random.Generator) -> np.ndarray:
    """A soft face-shaped mask: the face oval (or the convex hull of every landmark), its vertices
    jittered, shrunk or grown a little, and blurred by a random amount; float32 in 0..1."""
    pts = landmarks[FACE_OVAL] if rng.random() < 0.6 else _hull(landmarks)
    centre = pts.mean(axis=0)
    scale = rng.uniform(0.85, 1.05)
    pts = centre + (pts - centre) * scale + rng.normal(0, side * 0.01, pts.shape)
    m = _soft_polygon(pts, side, rng.uniform(0.5, side * 0.06))
    return m * rng.choice([0.25, 0.5, 0.75, 1.0, 1.0, 1.0])


def _hull(p: np.ndarray) -> np.ndarray:
    """Convex hull of 2-D points (monotone chain), in order."""
    pts = sorted(map(tuple, p.tolist()))

    def half(points):
        h = []
        for q in points:
            while len(h) >= 2 and (h[-1][0] - h[-2][0]) * (q[1] - h[-2][1]) - (h[-1][1] - h[-2][1]) * (q[0] - h[-2][0]) <= 0:
                h.pop()
            h.append(q)
        return h

    lower, upper = half(pts), half(reversed(pts))
    return np.array(lower[:-1] + upper[:-1], dtype=np.float32)


def _altered(img: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The copy the face is blended onto itself from: colour, contrast, sharpness and a small shift
    or scale, each drawn at random (float32, 0..255)."""
    x = img.astype(np.float32)
    x = x * rng.uniform(0.9, 1.1, 3) + rng.uniform(-12, 12, 3)
    x = (x - x.mean()) * rng.uniform(0.9, 1.1) + x.mean()
    pil = Image.fromarray(np.clip(x, 0, 255).astype(np.uint8))
    r = rng.random()
    if r < 0.35:
        pil = pil.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 1.2)))
    elif r < 0.6:
        pil = pil.filter(ImageFilter.UnsharpMask(radius=1, percent=int(rng.uniform(50, 150)), threshold=0))
    s = rng.uniform(0.96, 1.04)
    dx, dy = rng.uniform(-0.02, 0.02, 2) * img.shape[0]
    return np.asarray(_scaled(pil, s, dx, dy), dtype=np.float32)


def self_blended(img: np.ndarray, landmarks: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A fake made from one genuine crop (uint8 H x W x 3) and its landmarks (478 x 2, crop px)."""
    m = _mask(landmarks, img.shape[0], rng)[..., None]
    out = m * _altered(img, rng) + (1 - m) * img.astype(np.float32)
    return np.clip(out + 0.5, 0, 255).astype(np.uint8)


def _rct(src: np.ndarray, ref: np.ndarray, m: np.ndarray) -> np.ndarray:
    """Reinhard colour transfer inside the mask: each channel of `src` moved to the mean and spread
    `ref` has there (DeepFaceLive's `rct` face style; per RGB channel, not in Lab, at these sizes the
    difference is a rounding)."""
    w = m[..., 0] > 0.5
    if w.sum() < 16:
        return src
    out = src.copy()
    for ch in range(3):
        s, r = src[..., ch][w], ref[..., ch][w]
        out[..., ch] = (src[..., ch] - s.mean()) * (r.std() / (s.std() + 1e-3)) + r.mean()
    return out


def dfl_blended(img: np.ndarray, landmarks: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A fake made the way DeepFaceLive pastes its generated face, from one genuine crop: the face
    comes from a generator (the crop itself, up to a pixel off, now and then rescaled by up to 3 % or
    scaled to 80-100 % and back), is colour-matched to the face it covers
    (Reinhard transfer, with a small residual tint), and is pasted at full opacity through the face
    oval at 95-108 % of its size, blurred over 4-10 % of the face. What that leaves is what the
    shared pairs show (training/faceswap/pair_study.py): detail lost in a band around the face
    outline, where two slightly misaligned pictures are averaged, and little change inside."""
    side = img.shape[0]
    pts = landmarks[FACE_OVAL]
    centre = pts.mean(axis=0)
    face_px = float(np.ptp(pts[:, 0]) + np.ptp(pts[:, 1])) / 2
    pts = centre + (pts - centre) * rng.uniform(0.95, 1.08)
    m = _soft_polygon(pts, side, max(0.5, rng.uniform(0.04, 0.1) * face_px))[..., None]
    # The generator's face: whole pixels off (resampling would blur it, and a generated face keeps
    # its detail), now and then a little softer or rescaled.
    gen = Image.fromarray(np.roll(img, tuple(rng.integers(-1, 2, 2)), axis=(0, 1)))
    if rng.random() < 0.15:
        small = int(side * rng.uniform(0.8, 1.0))
        gen = gen.resize((small, small), Image.BICUBIC).resize((side, side), Image.BICUBIC)
    if rng.random() < 0.3:
        gen = _scaled(gen, rng.uniform(0.97, 1.03), resample=Image.BICUBIC)
    x = _rct(np.asarray(gen, dtype=np.float32), img.astype(np.float32), m)
    x = x * rng.uniform(0.97, 1.03, 3)
    out = m * x + (1 - m) * img.astype(np.float32)
    return np.clip(out + 0.5, 0, 255).astype(np.uint8)


def call_quality(img: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """What a call and a webcam do to a picture, at random: a smaller face scaled back up, blur, JPEG
    at several qualities, noise, brightness, contrast and colour, and a mirror image."""
    side = img.shape[0]
    pil = Image.fromarray(img)
    if rng.random() < 0.5:
        pil = pil.transpose(Image.FLIP_LEFT_RIGHT)
    if rng.random() < 0.6:
        small = int(rng.uniform(0.45, 0.95) * side)
        pil = pil.resize((small, small), Image.BILINEAR).resize((side, side), Image.BILINEAR)
    if rng.random() < 0.25:
        pil = pil.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 1.0)))
    if rng.random() < 0.8:
        buf = io.BytesIO()
        pil.save(buf, format="JPEG", quality=int(rng.uniform(30, 92)))
        buf.seek(0)
        pil = Image.open(buf).convert("RGB")
    x = np.asarray(pil, dtype=np.float32)
    x = x * rng.uniform(0.8, 1.2) + rng.uniform(-20, 20)
    x = x * rng.uniform(0.95, 1.05, 3)
    if rng.random() < 0.3:
        x = x + rng.normal(0, rng.uniform(1, 5), x.shape)
    return np.clip(x + 0.5, 0, 255).astype(np.uint8)
