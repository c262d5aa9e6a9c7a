/**
 * Face-recognition descriptors for the movement challenges (hand pass, profile turn, look up/down,
 * lean): face-api.js's ResNet (128 numbers per face crop, "same person" under a distance of 0.6),
 * run on TensorFlow.js's CPU backend from the weights packaged in the extension (vendor/face-api/,
 * copied from the npm package at build). Loaded on the first such challenge, not with the page: the
 * library and weights are 7 MB and most calls never need them. About 250 ms a face on this 2-core machine.
 */
import { extensionUrl } from '../shared/browserApi';

/** Side of the square crop the network reads, px. */
export const DESCRIBER_INPUT_PX = 150;

export type Describe = (crop: ImageData) => Promise<Float32Array>;

let loading: Promise<Describe> | null = null;

/** The describer, loaded once; rejects (and is retried on the next call) when it cannot load. */
export function loadDescriber(): Promise<Describe> {
  loading ??= (async (): Promise<Describe> => {
    const faceapi = await import('@vladmandic/face-api');
    // The bundled TensorFlow.js has these; face-api's own types list only the ops it uses. The CPU
    // backend: WebGL without a GPU is slower, and the WASM backend would need more files packaged.
    const tf = faceapi.tf as typeof faceapi.tf & {
      setBackend(name: string): Promise<boolean>;
      ready(): Promise<void>;
    };
    await tf.setBackend('cpu');
    await tf.ready();
    // A path on this page's own origin (the extension's): face-api rebuilds the URL it is given by
    // splitting it at '/', which turns a full chrome-extension:// URL into a broken one.
    await faceapi.nets.faceRecognitionNet.loadFromUri(new URL(extensionUrl('vendor/face-api')).pathname);
    return async (crop) => {
      const input = tf.browser.fromPixels(crop);
      try {
        const d = await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(input);
        return Array.isArray(d) ? d[0]! : d;
      } finally {
        input.dispose();
      }
    };
  })();
  loading.catch(() => (loading = null));
  return loading;
}

/** Scratch canvas for the crops (one, reused). */
let canvas: OffscreenCanvas | null = null;

/**
 * The face's square crop (side: the face box's larger side, centred on it) scaled to the network's
 * input; `box` in the bitmap's normalised coordinates.
 */
export function cropFace(
  bitmap: ImageBitmap,
  box: { x: number; y: number; w: number; h: number },
): ImageData {
  canvas ??= new OffscreenCanvas(DESCRIBER_INPUT_PX, DESCRIBER_INPUT_PX);
  const g = canvas.getContext('2d', { willReadFrequently: true })!;
  const side = Math.max(box.w * bitmap.width, box.h * bitmap.height);
  const cx = (box.x + box.w / 2) * bitmap.width;
  const cy = (box.y + box.h / 2) * bitmap.height;
  g.fillStyle = '#000';
  g.fillRect(0, 0, DESCRIBER_INPUT_PX, DESCRIBER_INPUT_PX);
  g.drawImage(bitmap, cx - side / 2, cy - side / 2, side, side, 0, 0, DESCRIBER_INPUT_PX, DESCRIBER_INPUT_PX);
  return g.getImageData(0, 0, DESCRIBER_INPUT_PX, DESCRIBER_INPUT_PX);
}
