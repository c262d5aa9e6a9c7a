/**
 * The bare-landmarker half of `npm run bench`: the same FaceLandmarker the analyzer uses, fed frames
 * of the same clip at the same size, timing detectForVideo alone. Driven by scripts/bench.mjs.
 */
import { createLandmarker } from './landmarker';

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

(window as unknown as { runBareBench: typeof runBareBench }).runBareBench = runBareBench;
document.title = 'bench ready';
