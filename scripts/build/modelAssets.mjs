// Puts the MediaPipe wasm runtime, the face model and the face-recognition weights where the build
// packages them (public/vendor/).
// Model source, first that exists: $GUARD_MODEL_DIR, ../shared/models, the official download.
// The sha256 is always checked; a mismatch fails the build with a message that says what to do.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const MODEL_FILE = 'face_landmarker.task';
/** The float16 v1 model published by MediaPipe; the same file as ../shared/models. */
export const MODEL_SHA256 = '64184e229b263107bc2b804c6625db1341ff2bb731874b0bcc2fe6544e0bc9ff';
export const MODEL_URL =
  'https://storage.googleapis.com/mediapipe-models/face_landmarker/face_landmarker/float16/1/face_landmarker.task';
const WASM_FILES = ['vision_wasm_internal.js', 'vision_wasm_internal.wasm'];
/**
 * face-api.js's face-recognition weights (the hand pass's identity check), from the npm package
 * (pinned in package-lock.json with its integrity hash), to vendor/face-api/.
 */
const FACE_API_FILES = ['face_recognition_model-weights_manifest.json', 'face_recognition_model.bin'];

const exists = (p) =>
  stat(p).then(
    (s) => s.isFile(),
    () => false,
  );
const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');

async function expectedSha(dir) {
  // A SHA256SUMS next to the model wins, but it must agree with the pinned hash.
  const sums = join(dir, 'SHA256SUMS');
  if (!(await exists(sums))) return MODEL_SHA256;
  const line = (await readFile(sums, 'utf8')).split('\n').find((l) => l.trim().endsWith(MODEL_FILE));
  const listed = line?.trim().split(/\s+/)[0];
  if (listed && listed !== MODEL_SHA256) {
    throw new Error(`${sums} lists ${listed} for ${MODEL_FILE}, but this build pins ${MODEL_SHA256}.`);
  }
  return MODEL_SHA256;
}

/** Returns the model bytes and where they came from. Throws with a clear message on any mismatch. */
export async function loadModel(env = process.env) {
  const candidates = [env.GUARD_MODEL_DIR, resolve(root, '..', 'shared', 'models')].filter(Boolean);
  for (const dir of candidates) {
    const file = join(dir, MODEL_FILE);
    if (!(await exists(file))) continue;
    const bytes = await readFile(file);
    const want = await expectedSha(dir);
    const got = sha256(bytes);
    if (got !== want) {
      throw new Error(
        `Model checksum mismatch for ${file}: sha256 ${got}, expected ${want}. ` +
          'Replace the file with the official face_landmarker.task or point GUARD_MODEL_DIR elsewhere.',
      );
    }
    return { bytes, source: file };
  }
  const cached = join(root, '.cache', MODEL_FILE);
  if (await exists(cached)) {
    const bytes = await readFile(cached);
    if (sha256(bytes) === MODEL_SHA256) return { bytes, source: cached };
  }
  const res = await fetch(MODEL_URL).catch((e) => {
    throw new Error(
      `No local model (GUARD_MODEL_DIR, ../shared/models) and the download failed: ${e.message}`,
    );
  });
  if (!res.ok) throw new Error(`Model download failed: HTTP ${res.status} from ${MODEL_URL}`);
  const bytes = Buffer.from(await res.arrayBuffer());
  const got = sha256(bytes);
  if (got !== MODEL_SHA256) {
    throw new Error(`Downloaded model has sha256 ${got}, expected ${MODEL_SHA256}; refusing to package it.`);
  }
  await mkdir(dirname(cached), { recursive: true });
  await writeFile(cached, bytes);
  return { bytes, source: MODEL_URL };
}

/** Writes model + wasm into `outDir` (default public/vendor), skipping files already identical. */
export async function prepareModelAssets(outDir = join(root, 'public', 'vendor')) {
  await mkdir(join(outDir, 'wasm'), { recursive: true });
  const { bytes, source } = await loadModel();
  await writeFile(join(outDir, MODEL_FILE), bytes);
  const wasmDir = join(root, 'node_modules', '@mediapipe', 'tasks-vision', 'wasm');
  for (const f of WASM_FILES) await copyFile(join(wasmDir, f), join(outDir, 'wasm', f));
  await mkdir(join(outDir, 'face-api'), { recursive: true });
  const faceApiDir = join(root, 'node_modules', '@vladmandic', 'face-api', 'model');
  for (const f of FACE_API_FILES) await copyFile(join(faceApiDir, f), join(outDir, 'face-api', f));
  return { source, sha256: MODEL_SHA256 };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  prepareModelAssets().then(
    (r) => console.log(`model: ${r.source} (sha256 ${r.sha256.slice(0, 12)}…) → public/vendor`),
    (e) => {
      console.error(`error: ${e.message}`);
      process.exit(1);
    },
  );
}
