/**
 * The analyzer's face-recognition worker: face-api.js's ResNet (128 numbers per face crop) on
 * TensorFlow.js's CPU backend, off the analyzer's main thread. A description takes about 250 ms of
 * CPU on this 2-core machine; run on the main thread, a challenge's eight of them held the frame
 * loop for two seconds, and the analysed rate read 0 frames/s at the verdict.
 */
import * as faceapi from '@vladmandic/face-api';

/** The analyzer → its worker (a dedicated worker hears only the document that made it). */
export type ToDescriber =
  | { type: 'load'; weightsPath: string }
  | { type: 'describe'; id: number; width: number; height: number; rgba: ArrayBuffer };

/** The worker → the analyzer. */
export type FromDescriber =
  | { type: 'loaded' }
  | { type: 'described'; id: number; descriptor: Float32Array }
  | { type: 'failed'; id: number | null; message: string };

// The bundled TensorFlow.js has these; face-api's own types list only the ops it uses.
const tf = faceapi.tf as typeof faceapi.tf & {
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
};

/**
 * face-api looks for a window and a document to decide where it runs, and finds neither in a worker.
 * It needs only `fetch` here (weights by URL, pixels as a tensor), so the rest are stand-ins that
 * throw if face-api ever reaches for an image element.
 */
function workerEnvironment(): void {
  const none = () => {
    throw new Error('face-api asked for a DOM element inside the worker');
  };
  faceapi.env.setEnv({
    Canvas: OffscreenCanvas as never,
    CanvasRenderingContext2D: OffscreenCanvasRenderingContext2D as never,
    Image: class {} as never,
    ImageData,
    Video: class {} as never,
    createCanvasElement: () => new OffscreenCanvas(1, 1) as never,
    createImageElement: none,
    createVideoElement: none,
    fetch: (input, init) => fetch(input, init),
    readFile: none,
  });
}

let loaded: Promise<void> | null = null;

async function load(weightsPath: string): Promise<void> {
  workerEnvironment();
  // The CPU backend: WebGL without a GPU is slower, and the WASM backend would need more files packaged.
  await tf.setBackend('cpu');
  await tf.ready();
  await faceapi.nets.faceRecognitionNet.loadFromUri(weightsPath);
}

async function describe(width: number, height: number, rgba: ArrayBuffer): Promise<Float32Array> {
  const input = tf.browser.fromPixels(new ImageData(new Uint8ClampedArray(rgba), width, height));
  try {
    const d = await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(input);
    return Array.isArray(d) ? d[0]! : d;
  } finally {
    input.dispose();
  }
}

const reply = (m: FromDescriber, transfer: Transferable[] = []) => postMessage(m, { transfer });
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

addEventListener('message', (ev: MessageEvent<ToDescriber>) => {
  const msg = ev.data;
  if (msg.type === 'load') {
    loaded ??= load(msg.weightsPath);
    loaded.then(
      () => reply({ type: 'loaded' }),
      (e: unknown) => {
        loaded = null;
        reply({ type: 'failed', id: null, message: messageOf(e) });
      },
    );
  } else if (msg.type === 'describe') {
    // Each waits for the weights (the analyzer asks for one description at a time).
    const id = msg.id;
    (loaded ?? Promise.reject(new Error('face recognition was not loaded')))
      .then(() => describe(msg.width, msg.height, msg.rgba))
      .then(
        (descriptor) => reply({ type: 'described', id, descriptor }, [descriptor.buffer]),
        (e: unknown) => reply({ type: 'failed', id, message: messageOf(e) }),
      );
  }
});
