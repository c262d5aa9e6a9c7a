import { useState } from 'preact/hooks';
import { sayPhrase, t } from '../../shared/i18n';
import { selfCheck } from '../../../src/status/selfCheck';
import { FAIRNESS_CAVEAT_WORDS } from '../../../src/fusion/signalRows';
import { ACCOMMODATION_WORDS } from '../../../src/consent/noticeText';
import type { LiveStatus } from '../../../src/status/LiveStatus';
import { BASE_CSS, HeadlineView, SignalStrip } from './StatusView';

/** The caveat every view of the signals carries, in the interface's language. */
export const caveat = () => t('caveat');

/** Live lip-sync figures: what is heard, the offset and how sure. */
export function LipSyncFigures({ status }: { status: LiveStatus }) {
  const l = status.lipsync;
  const audio = status.audio;
  const ms = (x: number) => `${x > 0 ? '+' : ''}${Math.round(x)} ms`;
  return (
    <div class="card" data-ig="lipsync">
      <p style="margin:0 0 4px;font-weight:600">{t('lsTitle')}</p>
      <p class="muted" style="margin:0" data-ig="audio">
        {audio === null
          ? t('lsAudioStarting')
          : audio.tracks > 0
            ? t('lsAudioListening', audio.tracks)
            : t('lsAudioNone', sayPhrase(audio.note, '–'))}
      </p>
      {l && (
        <p style="margin:4px 0 0" data-ig="lipsync-figures">
          {l.offsetMs === null
            ? t('lsOffsetUnknown')
            : t(l.offsetMs > 0 ? 'lsOffsetLate' : 'lsOffsetEarly', ms(l.offsetMs))}
          {' · '}
          {t('lsConfidence', l.confidence.toFixed(2))}
          {' · '}
          {t('lsSpeech', Math.round(l.speechFraction * 100))}
          {l.driftMsPerMin !== null && ` · ${t('lsDrift', ms(l.driftMsPerMin))}`}
        </p>
      )}
      <p class="muted" style="margin:4px 0 0;font-size:12px">
        {t('lsTolerance')}
      </p>
    </div>
  );
}

/** "Is it seeing the candidate?": the self-check's answer, shown when the user asks for it. */
export function SelfCheckView({ status }: { status: LiveStatus }) {
  const [open, setOpen] = useState(false);
  const c = selfCheck(status);
  return (
    <div class="card" data-ig="self-check">
      <button type="button" data-ig="self-check-run" onClick={() => setOpen(!open)} aria-expanded={open}>
        {t('selfCheckButton')}
      </button>
      {open && (
        <div data-ig="self-check-answer" data-answer={c.answer}>
          <p style="margin:6px 0 4px;font-weight:600">{sayPhrase(c.words.headline)}</p>
          <ul class="muted" style="margin:0;padding-left:16px;font-size:12px">
            {c.words.facts.map((f, i) => (
              <li key={i}>{sayPhrase(f)}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** The full live view (side panel): a pure function of the status. */
export function LiveView({ status, tabKnown }: { status: LiveStatus | null; tabKnown: boolean }) {
  if (!tabKnown || !status) {
    return (
      <div>
        <style>{BASE_CSS}</style>
        <p class="muted" data-ig="no-call">
          {t('liveNoCall')}
        </p>
      </div>
    );
  }
  return (
    <div data-phase={status.phase}>
      <style>{BASE_CSS}</style>
      <HeadlineView status={status} />
      <p class="muted" style="margin:0 0 10px">
        {status.platform} ·{' '}
        {status.phase === 'watching'
          ? t('liveFps', status.fps.toFixed(1), status.elapsedS)
          : sayPhrase(status.videoNote)}
      </p>
      {status.phase === 'loading' && <progress max={1} value={status.modelProgress} style="width:100%" />}
      {status.phase === 'watching' && <p class="muted">{sayPhrase(status.videoNote)}</p>}
      {status.phase === 'watching' && (
        <p class="muted" data-ig="candidate-in-call">
          {status.candidateCard === null
            ? t('liveNoCard')
            : status.candidateCard.state === 'offered'
              ? t('liveCardOffered', status.candidateCard.summary)
              : t('liveCardInUse', status.candidateCard.summary)}
        </p>
      )}
      {status.signals.length > 0 && (
        <div class="card">
          <SignalStrip signals={status.signals} />
          {status.signals.some(
            (s) =>
              (s.id === 'faceswap' || s.id === 'liveness') &&
              (s.state === 'inconclusive' || s.state === 'concerns'),
          ) && (
            <p class="muted" style="font-size:12px;margin:6px 0 0" data-ig="fairness">
              {sayPhrase(FAIRNESS_CAVEAT_WORDS)}
            </p>
          )}
        </div>
      )}
      <SelfCheckView status={status} />
      {status.phase === 'watching' && <LipSyncFigures status={status} />}
      {status.promptHistory.length > 0 && (
        <div class="card" data-ig="prompt-history">
          <p style="margin:0 0 4px;font-weight:600">{t('liveAsked')}</p>
          <ul style="margin:0;padding-left:16px">
            {status.promptHistory.map((h, i) => (
              <li key={i}>
                {sayPhrase(h.words?.label, h.label)} —{' '}
                <span class="muted">{sayPhrase(h.words?.outcome, h.outcome)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {status.error && <p class="error">{sayPhrase(status.error)}</p>}
      {status.perf && status.perf.frames > 0 && (
        <p class="muted" style="font-size:12px" data-ig="perf">
          {t(
            'livePerf',
            status.perf.pipelineMsMedian.toFixed(1),
            status.perf.landmarkerMsMedian.toFixed(1),
            status.perf.frames,
          )}
          {status.perf.targetFps !== null && ` ${t('liveHolding', status.perf.targetFps)}`}
          {status.delegate &&
            ` ${t('liveDelegate', status.delegate.delegate, sayPhrase(status.delegate.why))}`}
        </p>
      )}
      <p class="caveat">{caveat()}</p>
      <p class="caveat">{sayPhrase(ACCOMMODATION_WORDS)}</p>
    </div>
  );
}
