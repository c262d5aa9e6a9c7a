/**
 * Loads MediaPipe FaceLandmarker from the files packaged in the extension (never the network):
 * wasm runtime from vendor/wasm, model from vendor/face_landmarker.task. Reports progress while loading.
 */
import { FaceLandmarker } from '@mediapipe/tasks-vision';
import { extensionUrl } from '../shared/browserApi';

export const MODEL_PATH = 'vendor/face_landmarker.task';
export const MODEL_VERSION = 'face_landmarker float16/1 sha256:64184e229b26';

async function fetchWithProgress(url: string, onProgress: (fraction: number) => void): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok || !res.body)
    throw new Error(`could not read ${url} from the extension package (${res.status})`);
  const total = Number(res.headers.get('content-length')) || 0;
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    if (total) onProgress(received / total);
  }
  const out = new Uint8Array(received);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Options for {@link createLandmarker}. */
export interface LandmarkerOptions {
  /** Faces to look for (default 2, so a second face in view can be reported). */
  numFaces?: number;
  /** Called with 0..1 while loading. */
  onProgress?: (fraction: number) => void;
  /** The model's bytes, when another landmarker already read them (else they are read from the package). */
  model?: Uint8Array;
  /** Where it runs (default CPU; see chooseDelegate). */
  delegate?: 'CPU' | 'GPU';
}

/** A FaceLandmarker and the model bytes it was made from (for making another without reading them again). */
export async function createLandmarker(
  opts: LandmarkerOptions = {},
): Promise<{ landmarker: FaceLandmarker; model: Uint8Array }> {
  const progress = opts.onProgress ?? (() => undefined);
  progress(0.02);
  const model =
    opts.model ?? (await fetchWithProgress(extensionUrl(MODEL_PATH), (f) => progress(0.05 + 0.45 * f)));
  progress(0.5);
  const landmarker = await FaceLandmarker.createFromOptions(
    {
      // A manual fileset: the SIMD build only, from the package. (FilesetResolver would probe first.)
      wasmLoaderPath: extensionUrl('vendor/wasm/vision_wasm_internal.js'),
      wasmBinaryPath: extensionUrl('vendor/wasm/vision_wasm_internal.wasm'),
    },
    {
      baseOptions: { modelAssetBuffer: model, delegate: opts.delegate ?? 'CPU' },
      runningMode: 'VIDEO',
      numFaces: opts.numFaces ?? 2,
      outputFaceBlendshapes: true,
      outputFacialTransformationMatrixes: true,
    },
  );
  progress(1);
  return { landmarker, model };
}
