/**
 * Face-recognition descriptors for the movement challenges (hand pass, profile turn, look up/down,
 * lean): face-api.js's ResNet (128 numbers per face crop, "same person" under a distance of 0.6),
 * from the weights packaged in the extension (vendor/face-api/, copied from the npm package at build),
 * run in a worker of its own (describerWorker.ts) so the frame loop keeps its rate while faces are
 * compared. Loaded on the first such challenge, not with the page: the library and weights are 7 MB
 * and most calls never need them. About 250 ms a face on this 2-core machine.
 */
import { extensionUrl } from '../shared/browserApi';
import type { FromDescriber, ToDescriber } from './describerWorker';

/** Side of the square crop the network reads, px. */
export const DESCRIBER_INPUT_PX = 150;

export type Describe = (crop: ImageData) => Promise<Float32Array>;

let loading: Promise<Describe> | null = null;

/** The describer, loaded once; rejects (and is retried on the next call) when it cannot load. */
export function loadDescriber(): Promise<Describe> {
  loading ??= new Promise<Describe>((resolve, reject) => {
    const worker = new Worker(new URL('./describerWorker.ts', import.meta.url), { type: 'module' });
    const waiting = new Map<number, { resolve(d: Float32Array): void; reject(e: Error): void }>();
    let nextId = 1;
    const post = (m: ToDescriber, transfer: Transferable[] = []) => worker.postMessage(m, { transfer });
    // A worker that dies takes every description it was asked for with it, and the next challenge
    // starts a new one.
    const fail = (e: Error) => {
      worker.terminate();
      loading = null;
      reject(e);
      for (const w of waiting.values()) w.reject(e);
      waiting.clear();
    };
    const describe: Describe = (crop) =>
      new Promise((res, rej) => {
        const id = nextId++;
        waiting.set(id, { resolve: res, reject: rej });
        // A copy goes to the worker: the caller keeps its crop.
        const rgba = crop.data.slice().buffer;
        post({ type: 'describe', id, width: crop.width, height: crop.height, rgba }, [rgba]);
      });
    worker.onerror = (ev) => fail(new Error(`face recognition stopped: ${ev.message || 'worker error'}`));
    worker.onmessage = (ev: MessageEvent<FromDescriber>) => {
      const m = ev.data;
      if (m.type === 'loaded') resolve(describe);
      else if (m.type === 'failed' && m.id === null)
        fail(new Error(`face recognition could not load: ${m.message}`));
      else if (m.id !== null) {
        const w = waiting.get(m.id);
        waiting.delete(m.id);
        if (m.type === 'described') w?.resolve(m.descriptor);
        else w?.reject(new Error(m.message));
      }
    };
    // A path on this page's own origin (the extension's): face-api rebuilds the URL it is given by
    // splitting it at '/', which turns a full chrome-extension:// URL into a broken one.
    post({ type: 'load', weightsPath: new URL(extensionUrl('vendor/face-api')).pathname });
  });
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
