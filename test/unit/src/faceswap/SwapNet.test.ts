import { describe, expect, it } from 'vitest';
import { SwapNet, SwapNetFormatError } from '../../../../src/faceswap/SwapNet';

/** A weights file as training/faceswap/model.py `export_weights` writes it. */
function file(inputPx: number, layers: object[], weights: number[]): Uint8Array {
  let header = new TextEncoder().encode(JSON.stringify({ inputPx, layers }));
  const pad = (4 - (header.length % 4)) % 4;
  header = new Uint8Array([...header, ...new Array<number>(pad).fill(32)]);
  const out = new Uint8Array(8 + header.length + 4 * weights.length);
  out.set(new TextEncoder().encode('SWPN'));
  const v = new DataView(out.buffer);
  v.setUint32(4, header.length, true);
  out.set(header, 8);
  weights.forEach((w, i) => v.setFloat32(8 + header.length + 4 * i, w, true));
  return out;
}

/** A small net (8 px, 3 → 2 channels pooled, 2 → 3 unpooled, dense) with weights from a seeded sequence. */
function small() {
  let s = 12345;
  const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5) * 0.8;
  const conv1 = Array.from({ length: 2 * 3 * 9 + 2 }, next);
  const conv2 = Array.from({ length: 3 * 2 * 9 + 3 }, next);
  const dense = Array.from({ length: 3 + 1 }, next);
  const layers = [
    { type: 'conv3x3relu', in: 3, out: 2, pool: true, offset: 0 },
    { type: 'conv3x3relu', in: 2, out: 3, pool: false, offset: conv1.length },
    { type: 'meanDense', in: 3, out: 1, offset: conv1.length + conv2.length },
  ];
  return { layers, conv1, conv2, dense, bytes: file(8, layers, [...conv1, ...conv2, ...dense]) };
}

/** The same network written the plain way, one output value at a time from its definition. */
function reference(net: ReturnType<typeof small>, rgba: number[]): number {
  const side0 = 8;
  let x: number[][][] = [0, 1, 2].map((c) =>
    Array.from({ length: side0 }, (_, y) =>
      Array.from({ length: side0 }, (_, xx) => rgba[4 * (y * side0 + xx) + c]! / 255 - 0.5),
    ),
  );
  const conv = (inp: number[][][], w: number[], cin: number, cout: number) => {
    const side = inp[0]!.length;
    return Array.from({ length: cout }, (_, o) =>
      Array.from({ length: side }, (_, y) =>
        Array.from({ length: side }, (_, xx) => {
          let acc = w[cout * cin * 9 + o]!;
          for (let i = 0; i < cin; i++)
            for (let ky = 0; ky < 3; ky++)
              for (let kx = 0; kx < 3; kx++) {
                const yy = y + ky - 1;
                const xk = xx + kx - 1;
                if (yy >= 0 && yy < side && xk >= 0 && xk < side)
                  acc += w[((o * cin + i) * 3 + ky) * 3 + kx]! * inp[i]![yy]![xk]!;
              }
          return Math.max(0, acc);
        }),
      ),
    );
  };
  const pool = (inp: number[][][]) =>
    inp.map((p) =>
      Array.from({ length: p.length / 2 }, (_, y) =>
        Array.from({ length: p.length / 2 }, (_, xx) =>
          Math.max(
            p[2 * y]![2 * xx]!,
            p[2 * y]![2 * xx + 1]!,
            p[2 * y + 1]![2 * xx]!,
            p[2 * y + 1]![2 * xx + 1]!,
          ),
        ),
      ),
    );
  x = pool(conv(x, net.conv1, 3, 2));
  x = conv(x, net.conv2, 2, 3);
  let z = net.dense[3]!;
  x.forEach((p, c) => {
    const flat = p.flat();
    z += net.dense[c]! * (flat.reduce((a, b) => a + b, 0) / flat.length);
  });
  return z;
}

describe('SwapNet', () => {
  it('gives the logit its definition gives (convolutions, ReLU, pooling, mean, dense), on three pictures', () => {
    const net = small();
    const run = SwapNet.fromBytes(net.bytes);
    expect(run.inputPx).toBe(8);
    for (const seed of [1, 2, 3]) {
      const rgba = Array.from({ length: 8 * 8 * 4 }, (_, i) => (i * 37 * seed + seed * 11) % 256);
      const want = reference(net, rgba);
      expect(run.logit(rgba)).toBeCloseTo(want, 5);
    }
  });

  it('gives the same logit twice: its buffers carry nothing from one crop to the next', () => {
    const run = SwapNet.fromBytes(small().bytes);
    const a = Array.from({ length: 256 }, (_, i) => (i * 7) % 256);
    const b = Array.from({ length: 256 }, (_, i) => (i * 13 + 5) % 256);
    const first = run.logit(a);
    run.logit(b);
    expect(run.logit(a)).toBe(first);
  });

  it('refuses a crop of the wrong size', () => {
    const run = SwapNet.fromBytes(small().bytes);
    expect(() => run.logit(new Uint8Array(4 * 9 * 9))).toThrow(/8 px square/);
  });

  it('refuses files that are not a whole, consistent network, each with its reason', () => {
    const net = small();
    const all = [...net.conv1, ...net.conv2, ...net.dense];
    const cases: [Uint8Array, RegExp][] = [
      [new TextEncoder().encode('PK\x03\x04 a zip'), /does not start with SWPN/],
      [net.bytes.subarray(0, net.bytes.length - 4), /holds 116 weights where its layers need 117/],
      [file(8, net.layers, [...all, 1]), /holds 118 weights/],
      [file(8, [net.layers[0]!, net.layers[2]!], all), /does not follow|starts at/],
      [file(9, net.layers, all), /pools an odd side/],
      [
        file(8, [{ ...net.layers[0]!, type: 'conv5x5' }, net.layers[1]!, net.layers[2]!], all),
        /no known kind/,
      ],
      [
        file(
          8,
          net.layers,
          all.map((w, i) => (i === 5 ? NaN : w)),
        ),
        /not a number/,
      ],
      [file(100000, net.layers, all), /no usable input size/],
    ];
    for (const [bytes, why] of cases) {
      expect(() => SwapNet.fromBytes(bytes)).toThrow(SwapNetFormatError);
      expect(() => SwapNet.fromBytes(bytes)).toThrow(why);
    }
  });
});
