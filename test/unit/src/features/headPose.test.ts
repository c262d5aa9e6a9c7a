import { describe, expect, it } from 'vitest';
import { headPoseFromMatrix } from '../../../../src/features/headPose';

// Golden inputs are built here from their definition, R = Rz(roll) · Ry(yaw) · Rx(pitch), laid out
// column-major in a 4x4 with a translation, as tasks-vision returns the facial transformation matrix.
const rad = (d: number) => (d * Math.PI) / 180;
type M3 = number[][];
const mul = (a: M3, b: M3): M3 =>
  a.map((row) => b[0]!.map((_, j) => row.reduce((s, v, k) => s + v * b[k]![j]!, 0)));
const rx = (a: number): M3 => [
  [1, 0, 0],
  [0, Math.cos(a), -Math.sin(a)],
  [0, Math.sin(a), Math.cos(a)],
];
const ry = (a: number): M3 => [
  [Math.cos(a), 0, Math.sin(a)],
  [0, 1, 0],
  [-Math.sin(a), 0, Math.cos(a)],
];
const rz = (a: number): M3 => [
  [Math.cos(a), -Math.sin(a), 0],
  [Math.sin(a), Math.cos(a), 0],
  [0, 0, 1],
];
function columnMajor(r: M3, t = [1.5, -2, -45]): number[] {
  const m = new Array<number>(16).fill(0);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) m[j * 4 + i] = r[i]![j]!;
  m[12] = t[0]!;
  m[13] = t[1]!;
  m[14] = t[2]!;
  m[15] = 1;
  return m;
}

describe('headPoseFromMatrix', () => {
  it('returns zeros for the identity', () => {
    const out = headPoseFromMatrix(columnMajor(rx(0)), { yawDeg: NaN, pitchDeg: NaN, rollDeg: NaN });
    expect(out.yawDeg).toBeCloseTo(0, 9);
    expect(out.pitchDeg).toBeCloseTo(0, 9);
    expect(out.rollDeg).toBeCloseTo(0, 9);
  });

  it.each([
    [30, 0, 0],
    [-45, 0, 0],
    [0, 20, 0],
    [0, 0, -15],
    [35, -12, 8],
    [-60, 25, -20],
  ])('recovers yaw %d°, pitch %d°, roll %d° from a composed rotation', (yaw, pitch, roll) => {
    const m = columnMajor(mul(mul(rz(rad(roll)), ry(rad(yaw))), rx(rad(pitch))));
    const out = headPoseFromMatrix(m, { yawDeg: 0, pitchDeg: 0, rollDeg: 0 });
    expect(out.yawDeg).toBeCloseTo(yaw, 6);
    expect(out.pitchDeg).toBeCloseTo(pitch, 6);
    expect(out.rollDeg).toBeCloseTo(roll, 6);
  });

  it('reads the matrix as column-major: the transposed matrix gives the opposite yaw', () => {
    const m = columnMajor(ry(rad(30)));
    const transposed = m.slice();
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) transposed[j * 4 + i] = m[i * 4 + j]!;
    const out = headPoseFromMatrix(transposed, { yawDeg: 0, pitchDeg: 0, rollDeg: 0 });
    expect(out.yawDeg).toBeCloseTo(-30, 6);
  });
});
