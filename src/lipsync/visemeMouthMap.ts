/**
 * What each sound does to the visible mouth: the 15 visemes an audio classifier gives
 * (@met4citizen/headaudio's set: Oculus's, as most lip-sync rigs use) and, per viseme, the mouth
 * features it moves, written from phonetics. A map fitted on eight genuine speakers did no better on
 * speakers left out of the fit (docs/evaluations/visemes.md), so the product starts from this one.
 */

/** The visemes, in the classifier's order. */
export const VISEMES = [
  'aa',
  'E',
  'I',
  'O',
  'U',
  'PP',
  'SS',
  'TH',
  'DD',
  'FF',
  'kk',
  'nn',
  'RR',
  'CH',
  'sil',
] as const;
export type Viseme = (typeof VISEMES)[number];

/**
 * The visible mouth features, in this order: the inner-lip aperture, then face-landmarker
 * blendshapes (a left/right pair summed into one, named without its side).
 */
export const MOUTH_FEATURES = [
  'aperture',
  'jawOpen',
  'mouthClose',
  'mouthFunnel',
  'mouthPucker',
  'mouthLowerDown',
  'mouthUpperUp',
  'mouthRollLower',
  'mouthRollUpper',
  'mouthStretch',
  'mouthSmile',
  'mouthPress',
  'mouthShrugLower',
  'mouthShrugUpper',
] as const;
export type MouthFeature = (typeof MOUTH_FEATURES)[number];

/**
 * Per viseme, the features it moves and which way (+1 fully, −1 the other way); features not listed
 * stay. p/b/m close and press the lips; o/u round them; i/e spread them; f/v tuck the lower lip; aa
 * opens the jaw; silence rests the mouth closed.
 */
export const PHONETIC_MOUTH: Readonly<Record<Viseme, Partial<Record<MouthFeature, number>>>> = {
  aa: { aperture: 1, jawOpen: 1 },
  E: { aperture: 0.5, jawOpen: 0.5, mouthStretch: 0.5 },
  I: { mouthStretch: 1, mouthSmile: 0.5, jawOpen: -0.3 },
  O: { mouthFunnel: 1, jawOpen: 0.5 },
  U: { mouthPucker: 1, mouthFunnel: 0.5, jawOpen: -0.3 },
  PP: { mouthClose: 1, mouthPress: 1, aperture: -1, jawOpen: -0.5 },
  SS: { mouthStretch: 0.3, aperture: -0.3 },
  TH: { aperture: -0.2 },
  DD: { aperture: 0.2 },
  FF: { mouthRollLower: 1, mouthUpperUp: 0.5, aperture: -0.5 },
  kk: { jawOpen: 0.2 },
  nn: { aperture: -0.2 },
  RR: { mouthFunnel: 0.3 },
  CH: { mouthFunnel: 0.5, mouthPucker: 0.3 },
  sil: { aperture: -1, jawOpen: -1 },
};

/** {@link PHONETIC_MOUTH} as a matrix: row v (in VISEMES order) holds the features in MOUTH_FEATURES order. */
export function phoneticMatrix(): Float64Array[] {
  return VISEMES.map((v) => Float64Array.from(MOUTH_FEATURES, (f) => PHONETIC_MOUTH[v][f] ?? 0));
}
