/**
 * The face-swap network, run in plain TypeScript: four 3 × 3 convolutions (each with its batch norm
 * folded in, a ReLU and, but the last, a 2 × 2 max pool) on the aligned face crop, the mean of the
 * last one's channels, and one dense unit whose logit leans "swap" when above 0. Trained and exported
 * by training/faceswap (model.py writes the file this reads; its MODEL_CARD.md says on what and how
 * well). About 8 M multiply-adds a crop; every buffer is allocated once, at load.
 */

/** A layer as the file's header lists it; offsets count float32s from the start of the weights. */
interface ConvLayer {
  type: 'conv3x3relu';
  in: number;
  out: number;
  pool: boolean;
  offset: number;
}
interface DenseLayer {
  type: 'meanDense';
  in: number;
  out: 1;
  offset: number;
}

/** Why a weights file was refused. */
export class SwapNetFormatError extends Error {
  override name = 'SwapNetFormatError';
}

const MAGIC = 'SWPN';
const MAX_SIDE_PX = 256;
const MAX_CHANNELS = 512;

export class SwapNet {
  /** Side of the square crop the network reads, px. */
  readonly inputPx: number;
  private readonly convs: ConvLayer[];
  private readonly dense: DenseLayer;
  private readonly w: Float32Array;
  /** Two planes-of-channels buffers the layers write into in turn, each as large as any layer needs. */
  private readonly bufA: Float32Array;
  private readonly bufB: Float32Array;

  private constructor(inputPx: number, convs: ConvLayer[], dense: DenseLayer, weights: Float32Array) {
    this.inputPx = inputPx;
    this.convs = convs;
    this.dense = dense;
    this.w = weights;
    let most = 3 * inputPx * inputPx;
    let side = inputPx;
    for (const c of convs) {
      most = Math.max(most, c.out * side * side);
      if (c.pool) side >>= 1;
    }
    this.bufA = new Float32Array(most);
    this.bufB = new Float32Array(most);
  }

  /** Reads a weights file as training/faceswap/model.py `export_weights` writes it. */
  static fromBytes(bytes: ArrayBuffer | Uint8Array): SwapNet {
    const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    const fail = (why: string): never => {
      throw new SwapNetFormatError(`not a face-swap network file: ${why}`);
    };
    if (u8.length < 8 || String.fromCharCode(u8[0]!, u8[1]!, u8[2]!, u8[3]!) !== MAGIC)
      fail('it does not start with SWPN');
    const view = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
    const headerLen = view.getUint32(4, true);
    if (headerLen % 4 !== 0 || 8 + headerLen > u8.length) fail('its header length is wrong');
    let header: unknown;
    try {
      header = JSON.parse(new TextDecoder().decode(u8.subarray(8, 8 + headerLen)));
    } catch {
      fail('its header is not JSON');
    }
    const h = header as { inputPx?: unknown; layers?: unknown };
    const inputPx = h.inputPx;
    if (typeof inputPx !== 'number' || !Number.isInteger(inputPx) || inputPx < 8 || inputPx > MAX_SIDE_PX)
      fail('no usable input size');
    if (!Array.isArray(h.layers) || h.layers.length < 2) fail('no layers');
    const bodyBytes = u8.length - 8 - headerLen;
    if (bodyBytes % 4 !== 0) fail('its weights are not whole float32s');
    const weights = new Float32Array(bodyBytes / 4);
    for (let i = 0; i < weights.length; i++) weights[i] = view.getFloat32(8 + headerLen + 4 * i, true);
    const layers = h.layers as unknown[];
    const convs: ConvLayer[] = [];
    let channels = 3;
    let side = inputPx as number;
    let at = 0;
    const count = (n: number) => Number.isInteger(n) && n >= 1 && n <= MAX_CHANNELS;
    for (const [i, raw] of layers.entries()) {
      const l = raw as { type?: unknown; in?: unknown; out?: number; pool?: unknown; offset?: unknown };
      const last = i === layers.length - 1;
      if (l.offset !== at) fail(`layer ${i} starts at ${String(l.offset)}, not ${at}`);
      if (l.type === 'conv3x3relu' && !last) {
        if (l.in !== channels || !count(l.out!) || typeof l.pool !== 'boolean')
          fail(`layer ${i} does not follow the one before it`);
        if (l.pool && side % 2 !== 0) fail(`layer ${i} pools an odd side`);
        convs.push({ type: 'conv3x3relu', in: channels, out: l.out!, pool: l.pool === true, offset: at });
        at += l.out! * channels * 9 + l.out!;
        channels = l.out!;
        if (l.pool) side /= 2;
      } else if (l.type === 'meanDense' && last) {
        if (l.in !== channels || l.out !== 1) fail('the last layer does not follow the one before it');
        at += channels + 1;
      } else fail(`layer ${i} is of no known kind`);
    }
    if (at !== weights.length) fail(`it holds ${weights.length} weights where its layers need ${at}`);
    for (let i = 0; i < weights.length; i++)
      if (!Number.isFinite(weights[i])) fail('a weight is not a number');
    const dense: DenseLayer = { type: 'meanDense', in: channels, out: 1, offset: at - channels - 1 };
    return new SwapNet(inputPx as number, convs, dense, weights);
  }

  /**
   * The logit on one crop: `rgba` is `inputPx` × `inputPx` pixels, 4 bytes each (as a canvas's
   * ImageData holds them), read as pixel / 255 − 0.5 per colour.
   */
  logit(rgba: ArrayLike<number>): number {
    const n = this.inputPx * this.inputPx;
    if (rgba.length !== 4 * n) throw new RangeError(`the crop is not ${this.inputPx} px square RGBA`);
    let src = this.bufA;
    let dst = this.bufB;
    for (let p = 0; p < n; p++) {
      src[p] = rgba[4 * p]! / 255 - 0.5;
      src[n + p] = rgba[4 * p + 1]! / 255 - 0.5;
      src[2 * n + p] = rgba[4 * p + 2]! / 255 - 0.5;
    }
    let side = this.inputPx;
    for (const c of this.convs) {
      this.conv(c, src, dst, side);
      if (c.pool) {
        // Pooled in place: each output cell is written after the cells it reads.
        maxPool2(dst, c.out, side);
        side >>= 1;
      }
      const t = src;
      src = dst;
      dst = t;
    }
    const d = this.dense;
    const plane = side * side;
    let z = this.w[d.offset + d.in]!;
    for (let ch = 0; ch < d.in; ch++) {
      let s = 0;
      for (let p = ch * plane, end = p + plane; p < end; p++) s += src[p]!;
      z += this.w[d.offset + ch]! * (s / plane);
    }
    return z;
  }

  /** A 3 × 3 convolution with zero padding, its bias, and a ReLU, `src` → `dst` (channels × side²). */
  private conv(c: ConvLayer, src: Float32Array, dst: Float32Array, side: number): void {
    const w = this.w;
    const plane = side * side;
    const biasAt = c.offset + c.out * c.in * 9;
    for (let o = 0; o < c.out; o++) {
      const out = o * plane;
      dst.fill(w[biasAt + o]!, out, out + plane);
      for (let i = 0; i < c.in; i++) {
        const inp = i * plane;
        const k = c.offset + (o * c.in + i) * 9;
        for (let ky = 0; ky < 3; ky++) {
          const y0 = ky === 0 ? 1 : 0;
          const y1 = ky === 2 ? side - 1 : side;
          for (let kx = 0; kx < 3; kx++) {
            const wk = w[k + ky * 3 + kx]!;
            const x0 = kx === 0 ? 1 : 0;
            const x1 = kx === 2 ? side - 1 : side;
            const shift = (ky - 1) * side + (kx - 1);
            for (let y = y0; y < y1; y++) {
              const row = y * side;
              for (let x = x0; x < x1; x++) dst[out + row + x]! += wk * src[inp + row + x + shift]!;
            }
          }
        }
      }
      for (let p = out, end = out + plane; p < end; p++) if (dst[p]! < 0) dst[p] = 0;
    }
  }
}

/** 2 × 2 max pooling of `channels` planes of `side` × `side`, in place (into the first quarter). */
function maxPool2(buf: Float32Array, channels: number, side: number): void {
  const half = side >> 1;
  for (let ch = 0; ch < channels; ch++) {
    const from = ch * side * side;
    const to = ch * half * half;
    for (let y = 0; y < half; y++)
      for (let x = 0; x < half; x++) {
        const a = from + 2 * y * side + 2 * x;
        buf[to + y * half + x] = Math.max(buf[a]!, buf[a + 1]!, buf[a + side]!, buf[a + side + 1]!);
      }
  }
}
