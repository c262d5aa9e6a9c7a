/**
 * Which MediaPipe delegate runs the face landmarker: the GPU where the browser has hardware WebGL
 * and a short measured trial shows it faster, else the CPU. Software WebGL (SwiftShader, llvmpipe:
 * a machine without a GPU, or with GPU access blocked) is never tried: it only emulates a GPU on the
 * same cores the CPU delegate uses.
 */
import type { FaceLandmarker } from '@mediapipe/tasks-vision';
import { say, words, type Phrase } from '../../src/text/Phrase';

export type Delegate = 'CPU' | 'GPU';
export interface DelegateChoice {
  delegate: Delegate;
  /** Plain words: why this one (the renderer seen, or the trial's figures). */
  why: Phrase;
}

/** The WebGL renderer's name, or null without WebGL2. */
export function webglRenderer(): string | null {
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
    return typeof name === 'string' ? name : 'unknown';
  } catch {
    return null;
  }
}

/** Renderers that emulate a GPU in software. */
const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render|microsoft basic/i;

/**
 * Median time of the landmarker on a synthetic frame, ms, after a warm-up. The frames are stamped
 * 1, 2, 3… ms: VIDEO mode wants increasing timestamps, and the call's frames (page time) come later.
 */
function timeLandmarker(lm: FaceLandmarker, frame: OffscreenCanvas, runs = 6, warmup = 3): number {
  const times: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const t0 = performance.now();
    lm.detectForVideo(frame, i + 1);
    if (i >= warmup) times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1]!;
}

/**
 * Decides the delegate: CPU without hardware WebGL; otherwise `makeGpu` is tried against `cpu` on a
 * synthetic 640×360 frame and the faster kept (the GPU only if at least 20 % faster: it shares the
 * machine with the call's own video decoding). `makeGpu` failing means CPU. The loser is closed.
 */
export async function chooseDelegate(
  cpu: FaceLandmarker,
  makeGpu: () => Promise<FaceLandmarker>,
): Promise<{ choice: DelegateChoice; landmarker: FaceLandmarker }> {
  const renderer = webglRenderer();
  if (!renderer)
    return { choice: { delegate: 'CPU', why: words('no WebGL2 in this browser') }, landmarker: cpu };
  if (SOFTWARE.test(renderer))
    return { choice: { delegate: 'CPU', why: say`software WebGL only (${renderer})` }, landmarker: cpu };
  let gpu: FaceLandmarker;
  try {
    gpu = await makeGpu();
  } catch (e) {
    return {
      choice: { delegate: 'CPU', why: say`the GPU delegate failed to start (${String(e)})` },
      landmarker: cpu,
    };
  }
  const frame = new OffscreenCanvas(640, 360);
  const g = frame.getContext('2d')!;
  g.fillStyle = '#8a6f5a';
  g.fillRect(0, 0, 640, 360);
  try {
    const cpuMs = timeLandmarker(cpu, frame);
    const gpuMs = timeLandmarker(gpu, frame);
    const figures = say`GPU ${gpuMs.toFixed(1)} ms, CPU ${cpuMs.toFixed(1)} ms a frame on ${renderer}`;
    if (gpuMs < 0.8 * cpuMs) {
      cpu.close();
      return { choice: { delegate: 'GPU', why: figures }, landmarker: gpu };
    }
    gpu.close();
    return { choice: { delegate: 'CPU', why: figures }, landmarker: cpu };
  } catch (e) {
    gpu.close();
    return { choice: { delegate: 'CPU', why: say`the GPU trial failed (${String(e)})` }, landmarker: cpu };
  }
}
