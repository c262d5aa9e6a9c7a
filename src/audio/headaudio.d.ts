/**
 * The parts of @met4citizen/headaudio (MIT; plain JavaScript without types) the viseme classifier
 * uses: its audio processor, run outside an AudioWorklet with a stand-in port.
 */
declare module '@met4citizen/headaudio/modules/processor.mjs' {
  /** One prototype of the Gaussian model: a viseme's mean MFCC vector and its inverse covariance. */
  export interface HeadAudioPrototype {
    group: number;
    viseme: number;
    mu: Float32Array;
    sigmaInvLower: Float32Array;
  }
  export interface HeadAudioMessage {
    event: string;
    /** Seconds of 16 kHz audio since the processor started (or was reset). */
    t?: number;
    viseme?: number;
    /** Per prototype, its Mahalanobis distance from the last vector (visemeEventsEnabled). */
    distances?: ArrayLike<number>;
  }
  export class Processor {
    constructor(
      options: {
        sampleRate: number;
        processorOptions?: { visemeEventsEnabled?: boolean };
        parameterData?: Record<string, number>;
      },
      worklet: { port: { onmessage: null; postMessage(m: HeadAudioMessage): void } },
    );
    process(samples: Float32Array): void;
    _onmessage(message: { data: { event: string; model?: HeadAudioPrototype[] } }): void;
  }
}
