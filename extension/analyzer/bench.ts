/**
 * The bare-landmarker half of `npm run bench`: the same FaceLandmarker the analyzer uses, fed frames
 * of the same clip at the same size, timing detectForVideo alone; and the face-region check: each
 * frame read whole and as the face's region (as the grabber reads them), each given to its own
 * landmarker as the analyzer does, the region's landmarks mapped back and compared with the whole
 * picture's. Driven by scripts/eval/bench.mjs.
 */
import type { NormalizedLandmark } from '@mediapipe/tasks-vision';
import { createLandmarker } from './landmarker';
import { headPoseFromMatrix } from '../../src/features/headPose';
import {
  FaceRegion,
  landmarksFromRegion,
  REGION_MAX_SIDE_PX,
  regionPixels,
  type Region,
} from '../../src/features/FaceRegion';

interface BareResult {
  landmarkerMs: number[];
  faces: number;
  frames: number;
}

async function runBareBench(clipUrl: string, frames: number, maxLongSidePx = 640): Promise<BareResult> {
  const { landmarker } = await createLandmarker();
  const video = document.getElementById('v') as HTMLVideoElement;
  video.src = clipUrl;
  video.loop = true;
  await video.play();
  const times: number[] = [];
  let faces = 0;
  let ts = 0;
  await new Promise<void>((resolve) => {
    const onFrame = () => {
      const scale = Math.min(1, maxLongSidePx / Math.max(video.videoWidth, video.videoHeight));
      createImageBitmap(video, {
        resizeWidth: Math.round(video.videoWidth * scale),
        resizeHeight: Math.round(video.videoHeight * scale),
        resizeQuality: 'low',
      }).then((bmp) => {
        ts += 66;
        const t0 = performance.now();
        const r = landmarker.detectForVideo(bmp, ts);
        times.push(performance.now() - t0);
        bmp.close();
        if (r.faceLandmarks.length > 0) faces++;
        if (times.length >= frames) resolve();
        else video.requestVideoFrameCallback(onFrame);
      });
    };
    video.requestVideoFrameCallback(onFrame);
  });
  video.pause();
  landmarker.close();
  return { landmarkerMs: times, faces, frames: times.length };
}

interface RegionCheck {
  /** Frames where both found the face. */
  compared: number;
  /** Frames whose face the whole picture found and the region did not. */
  regionMissed: number;
  /** Per frame: the mean distance between the two results' landmarks, as a share of the face's height. */
  meanErrorShare: number[];
  /** Per frame: the head's yaw and pitch differences, degrees. */
  yawDiffDeg: number[];
  pitchDiffDeg: number[];
  /** Per frame, ms: reading the whole picture / the region, and the landmarker on each. */
  wholeGrabMs: number[];
  regionGrabMs: number[];
  wholeLandmarkerMs: number[];
  regionLandmarkerMs: number[];
  /** The region bitmaps' median side, px. */
  regionSidePx: number;
}

const yawPitch = (m: ArrayLike<number> | undefined): [number, number] => {
  if (!m) return [NaN, NaN];
  const pose = headPoseFromMatrix(m, { yawDeg: 0, pitchDeg: 0, rollDeg: 0 });
  return [pose.yawDeg, pose.pitchDeg];
};

async function runRegionCheck(clipUrl: string, frames: number, maxLongSidePx = 640): Promise<RegionCheck> {
  const whole = (await createLandmarker()).landmarker;
  const crop = (await createLandmarker({ numFaces: 1 })).landmarker;
  const video = document.getElementById('v') as HTMLVideoElement;
  video.src = clipUrl;
  video.loop = true;
  await video.play();
  const out: RegionCheck = {
    compared: 0,
    regionMissed: 0,
    meanErrorShare: [],
    yawDiffDeg: [],
    pitchDiffDeg: [],
    wholeGrabMs: [],
    regionGrabMs: [],
    wholeLandmarkerMs: [],
    regionLandmarkerMs: [],
    regionSidePx: 0,
  };
  const sides: number[] = [];
  const fr = new FaceRegion({ wholeEveryMs: Infinity, staleAfterMs: Infinity });
  const region: Region = { x: 0, y: 0, w: 1, h: 1 };
  let ts = 0;
  let seen = 0;
  await new Promise<void>((resolve) => {
    const onFrame = async () => {
      const vw = video.videoWidth;
      const vh = video.videoHeight;
      const scale = Math.min(1, maxLongSidePx / Math.max(vw, vh));
      ts += 66;
      let t0 = performance.now();
      const bmp = await createImageBitmap(video, {
        resizeWidth: Math.round(vw * scale),
        resizeHeight: Math.round(vh * scale),
        resizeQuality: 'low',
      });
      out.wholeGrabMs.push(performance.now() - t0);
      const p = regionPixels(region, vw, vh, maxLongSidePx, REGION_MAX_SIDE_PX);
      const inRegion =
        seen > 0 &&
        fr.next(ts, vw, vh, region) &&
        regionPixels(region, vw, vh, maxLongSidePx, REGION_MAX_SIDE_PX, p).worthIt;
      let cropBmp: ImageBitmap | null = null;
      if (inRegion) {
        t0 = performance.now();
        cropBmp = await createImageBitmap(video, p.sx, p.sy, p.sw, p.sh, {
          resizeWidth: p.outW,
          resizeHeight: p.outH,
          resizeQuality: 'low',
        });
        out.regionGrabMs.push(performance.now() - t0);
        sides.push(p.outW);
      }
      t0 = performance.now();
      const a = whole.detectForVideo(bmp, ts);
      out.wholeLandmarkerMs.push(performance.now() - t0);
      bmp.close();
      const lmA = a.faceLandmarks[0];
      if (lmA) {
        let minX = 1,
          minY = 1,
          maxX = 0,
          maxY = 0;
        for (const p of lmA) {
          minX = Math.min(minX, p.x);
          maxX = Math.max(maxX, p.x);
          minY = Math.min(minY, p.y);
          maxY = Math.max(maxY, p.y);
        }
        fr.seen(ts, { facePresent: true, bboxX: minX, bboxY: minY, bboxW: maxX - minX, bboxH: maxY - minY });
        seen++;
        if (cropBmp) {
          t0 = performance.now();
          const b = crop.detectForVideo(cropBmp, ts);
          out.regionLandmarkerMs.push(performance.now() - t0);
          const lmB: NormalizedLandmark[] | undefined = b.faceLandmarks[0];
          if (!lmB) out.regionMissed++;
          else {
            landmarksFromRegion([lmB], region);
            const W = vw * scale;
            const H = vh * scale;
            const faceH = (maxY - minY) * H;
            let sum = 0;
            for (let i = 0; i < lmA.length; i++)
              sum += Math.hypot((lmA[i]!.x - lmB[i]!.x) * W, (lmA[i]!.y - lmB[i]!.y) * H);
            out.meanErrorShare.push(sum / lmA.length / faceH);
            const [ya, pa] = yawPitch(a.facialTransformationMatrixes?.[0]?.data);
            const [yb, pb] = yawPitch(b.facialTransformationMatrixes?.[0]?.data);
            out.yawDiffDeg.push(Math.abs(ya - yb));
            out.pitchDiffDeg.push(Math.abs(pa - pb));
            out.compared++;
          }
        }
      } else fr.seen(ts, { facePresent: false, bboxX: 0, bboxY: 0, bboxW: 0, bboxH: 0 });
      cropBmp?.close();
      if (out.wholeGrabMs.length >= frames) resolve();
      else video.requestVideoFrameCallback(() => void onFrame());
    };
    video.requestVideoFrameCallback(() => void onFrame());
  });
  video.pause();
  whole.close();
  crop.close();
  sides.sort((x, y) => x - y);
  out.regionSidePx = sides[Math.floor(sides.length / 2)] ?? 0;
  return out;
}

Object.assign(window, { runBareBench, runRegionCheck });
document.title = 'bench ready';
