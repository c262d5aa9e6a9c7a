/** Yaw, pitch and roll in degrees. */
export interface HeadPose {
  yawDeg: number;
  pitchDeg: number;
  rollDeg: number;
}

const RAD_TO_DEG = 180 / Math.PI;

/**
 * Head rotation from MediaPipe's 4x4 facial transformation matrix (column-major, as tasks-vision
 * returns it), decomposed as R = Rz(roll) · Ry(yaw) · Rx(pitch) in the canonical face frame
 * (x to the face's left as seen in the image, y up, z towards the camera).
 *
 * Writes into `out` so the per-frame path allocates nothing.
 */
export function headPoseFromMatrix(m: ArrayLike<number>, out: HeadPose): HeadPose {
  // Column-major: element (row i, column j) is m[j * 4 + i].
  const r00 = m[0]!;
  const r10 = m[1]!;
  const r20 = m[2]!;
  const r21 = m[6]!;
  const r22 = m[10]!;
  const s = Math.max(-1, Math.min(1, -r20));
  out.yawDeg = Math.asin(s) * RAD_TO_DEG;
  out.pitchDeg = Math.atan2(r21, r22) * RAD_TO_DEG;
  out.rollDeg = Math.atan2(r10, r00) * RAD_TO_DEG;
  return out;
}
