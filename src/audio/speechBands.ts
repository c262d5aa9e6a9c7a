/**
 * The voice series the lip-sync detector compares with the mouth: the levels of three sub-bands of
 * speech, mixed with fixed weights.
 *
 * Why not the whole speech band's loudness: a mouth's shape changes the spectrum more than the
 * loudness. An open jaw raises the first formant out of the lowest band, rounded or spread lips move
 * the second, closed lips cut the upper bands first. Comparing the mouth with a mix of band levels
 * (canonical correlation of the two) matched each clip's own voice far better than other clips'
 * voices: on 8 s of speech, held out one clip at a time, AUC 0.96 against 0.83 for the whole band's
 * loudness with the mouth mix fitted to it (see docs/evaluations/lipsync.md).
 *
 * How the weights were computed: every frame of the 16 shared clips with their own audio
 * (9 genuine talking heads, 3 lip-sync fakes, 4 audio-driven avatars; 6139 samples on a 20 ms grid)
 * was run through the same landmarker. Each band's level (second-order Butterworth high- and low-pass
 * at its edges, as the Web Audio path and {@link SpeechEnvelope} filter it; dB above the clip's 5th
 * percentile, 100 ms smoothing) and the 14 mouth features of features/mouthMotion.ts, all minus their
 * 500 ms moving average, went into a regularised canonical correlation analysis (both covariances plus
 * 0.1 × identity on standardised features) at lag 0. Its first pair gives these weights and those of
 * MOUTH_MOTION_WEIGHTS, rescaled here so they sum to 1. Only the shape of the mix matters: the
 * detector correlates it, so its scale and offset are irrelevant.
 */

/** The sub-bands whose levels are measured beside the whole speech band, Hz (low edge, high edge). */
export const SPEECH_BANDS_HZ: readonly (readonly [number, number])[] = [
  [300, 900],
  [900, 2000],
  [2000, 4000],
];

/** Weight of each band's level (dB above the window's quietest slot), in SPEECH_BANDS_HZ order. */
export const SPEECH_BAND_WEIGHTS: readonly number[] = [-0.4103, 0.8639, 0.5464];

/** Number of sub-bands: an envelope chunk's `bandsDb` holds this many levels per slot. */
export const SPEECH_BAND_COUNT = SPEECH_BANDS_HZ.length;
