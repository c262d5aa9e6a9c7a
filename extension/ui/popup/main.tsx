import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { LiveStatus } from '../../../src/status/LiveStatus';
import { extensionUrl, onMessage, request, sidePanel, tabCapture, tabs } from '../../shared/browserApi';
import { headline } from '../../../src/status/headline';
import { errorText, t } from '../../shared/i18n';
import { sayHeadline } from '../components/StatusView';

function Popup() {
  const [tabId, setTabId] = useState<number | undefined>();
  const [status, setStatus] = useState<LiveStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const ac = new AbortController();
    void tabs.activeTabId().then(async (id) => {
      setTabId(id);
      if (id !== undefined) setStatus(await request({ kind: 'request', type: 'status/get', tabId: id }));
    });
    onMessage(
      {
        notice: (msg, sender) => {
          if (sender.tabId !== undefined && sender.tabId === tabId) setStatus(msg.status);
        },
      },
      ac.signal,
    );
    return () => ac.abort();
  }, [tabId]);
  const watching = status?.phase === 'watching' || status?.phase === 'loading';
  const ask = async (type: 'watch/start' | 'watch/stop' | 'capture/start' | 'capture/stop') => {
    if (tabId === undefined) return;
    setError(null);
    try {
      const s = await request({ kind: 'request', type, tabId });
      if (s !== true) setStatus(s);
    } catch (e) {
      setError(errorText(e));
    }
  };
  const toggle = () => ask(watching ? 'watch/stop' : 'watch/start');
  const capturing = status?.capture === 'on';
  // Offered where it helps: a call drawn on a canvas, Zoom's web client, a call whose sound is not
  // heard, or a capture running. Elsewhere the page's own streams are better (no added delay).
  const offerCapture =
    tabCapture.available() &&
    (status?.capture === 'needed' ||
      capturing ||
      status?.platform === 'zoom' ||
      (status?.phase === 'watching' && status.audio?.tracks === 0));
  return (
    <div>
      <h1>{t('extName')}</h1>
      <p data-ig="headline">{status ? sayHeadline(headline(status)).text : t('popupNotWatching')}</p>
      <div class="row">
        <button class="primary" onClick={toggle} disabled={tabId === undefined}>
          {watching ? t('popupStop') : t('popupStart')}
        </button>
        <button onClick={() => tabId !== undefined && void sidePanel.open(tabId)}>
          {t('popupSidePanel')}
        </button>
      </div>
      {offerCapture && (
        <div class="row">
          <button
            data-ig="capture"
            class={status?.capture === 'needed' ? 'primary' : ''}
            onClick={() => void ask(capturing ? 'capture/stop' : 'capture/start')}
            disabled={tabId === undefined}
            title={t('popupCaptureTitle')}
          >
            {capturing ? t('popupStopCapture') : t('popupCapture')}
          </button>
        </div>
      )}
      {status?.capture === 'needed' && (
        <p class="muted" data-ig="capture-hint">
          {t('popupCaptureHint')}
        </p>
      )}
      <p>
        <a href="#" onClick={() => void tabs.open(extensionUrl('extension/ui/review/review.html'))}>
          {t('linkReview')}
        </a>
      </p>
      {error && <p class="error">{error}</p>}
      <p class="muted" style="font-size:12px">
        {t('localOnly')}
      </p>
    </div>
  );
}

render(<Popup />, document.getElementById('app')!);
