// The demo call: the candidate tile plays ?clip= (a file under /media/) with its audio, looping;
// the self-view is a mirrored <video> showing a drawn stand-in for the local camera.
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  var clip = params.get('clip') || 'generated/noface.mp4';
  var cand = document.getElementById('candidate');
  var url = '/media/' + clip.split('/').map(encodeURIComponent).join('/');
  var loop = params.get('loop') !== '0';
  // Like a real call, the candidate tile plays a MediaStream (what WebRTC delivers): a hidden element
  // decodes the clip and its captured stream, picture and sound, is the "remote" feed. ?stream=0 plays
  // the file directly instead (a page whose audio the extension cannot reach).
  var useStream = params.get('stream') !== '0';
  // ?render=canvas: like Zoom's web client, the candidate's video is drawn on a <canvas> under a tile
  // element and the sound is played through Web Audio, so the page exposes no <video> and no stream
  // for the candidate: only a tab capture can read them.
  var onCanvas = params.get('render') === 'canvas';
  var source = cand;
  if (onCanvas) {
    useStream = false;
    source = document.createElement('video');
    source.hidden = true;
    source.playsInline = true;
    document.body.appendChild(source);
    var tile = cand.parentElement;
    var canvas = document.createElement('canvas');
    canvas.id = 'candidate-canvas';
    tile.replaceChild(canvas, cand);
    source.id = 'candidate'; // the hidden decoder stands in for the tile's video in the tests' waits
    tile.setAttribute('data-canvas-tile', '');
    cand = source; // the play/join logic below drives the hidden decoder
    var g2 = canvas.getContext('2d');
    (function paint() {
      if (source.videoWidth) {
        if (canvas.width !== source.videoWidth) {
          canvas.width = source.videoWidth;
          canvas.height = source.videoHeight;
        }
        g2.drawImage(source, 0, 0);
      }
      requestAnimationFrame(paint);
    })();
    var audioCtx = new AudioContext();
    audioCtx.createMediaElementSource(source).connect(audioCtx.destination);
    source.addEventListener('playing', function () {
      audioCtx.resume();
    });
  } else if (useStream) {
    source = document.createElement('video');
    source.hidden = true;
    source.playsInline = true;
    source.muted = true; // heard once, through the candidate tile
    document.body.appendChild(source);
  }
  source.src = url;
  source.loop = loop;
  window.demoClip = { started: false, startedAtMs: null, loops: 0 };
  source.addEventListener('playing', function () {
    if (!window.demoClip.started) {
      window.demoClip.started = true;
      window.demoClip.startedAtMs = performance.now();
    }
  });
  source.addEventListener('seeked', function () {
    if (source.currentTime < 0.5) window.demoClip.loops++;
  });
  var join = document.getElementById('join');
  // captureStream() hands over the sound as the hidden decoder renders it, which is that element's
  // output latency before it would be heard, while each picture is handed over as it is shown, in
  // step with that (unheard) sound. WebRTC's receiver plays a real call's sound and picture in step,
  // so the remote feed here delays the sound by the same output latency (the page's AudioContext
  // reports it: baseLatency + outputLatency, 42 ms in headless Chromium here). ?avsync=0 leaves the
  // captured stream as it is (sound ahead of the picture by that much).
  var syncCtx = null;
  function remoteStream() {
    var captured = source.captureStream();
    if (params.get('avsync') === '0' || captured.getAudioTracks().length === 0) return captured;
    syncCtx = new AudioContext({ latencyHint: 'interactive' });
    var delay = new DelayNode(syncCtx, { maxDelayTime: 1 });
    var out = syncCtx.createMediaStreamDestination();
    syncCtx.createMediaStreamSource(new MediaStream(captured.getAudioTracks())).connect(delay).connect(out);
    var setDelay = function () {
      delay.delayTime.value = (syncCtx.baseLatency || 0) + (syncCtx.outputLatency || 0);
      window.demoClip.audioDelayMs = Math.round(delay.delayTime.value * 1000);
    };
    setDelay();
    // outputLatency is known once the context runs.
    syncCtx.addEventListener('statechange', setDelay);
    setTimeout(setDelay, 500);
    return new MediaStream(captured.getVideoTracks().concat(out.stream.getAudioTracks()));
  }
  function attach() {
    if (useStream && !cand.srcObject) cand.srcObject = remoteStream();
    if (syncCtx && syncCtx.state === 'suspended') syncCtx.resume();
  }
  function play() {
    cand.muted = false;
    var started = useStream
      ? source.play().then(function () {
          attach();
          return cand.play();
        })
      : cand.play();
    started.then(
      function () {
        join.hidden = true;
      },
      function () {
        // Autoplay with sound refused: play muted so the picture runs, and offer the button.
        cand.muted = true;
        if (useStream) {
          source.play().then(function () {
            attach();
            cand.play();
          });
        } else cand.play();
        join.hidden = false;
      },
    );
  }
  join.addEventListener('click', function () {
    cand.muted = false;
    join.hidden = true;
    if (!useStream) return void cand.play();
    source.play().then(function () {
      attach();
      cand.play();
    });
  });
  play();

  // Self-view: a canvas animation captured as a stream (our own canvas, not the call's video).
  var c = document.createElement('canvas');
  c.width = 320;
  c.height = 180;
  var g = c.getContext('2d');
  var t0 = performance.now();
  function draw() {
    var t = (performance.now() - t0) / 1000;
    g.fillStyle = '#5f6368';
    g.fillRect(0, 0, 320, 180);
    g.fillStyle = '#9aa0a6';
    g.beginPath();
    g.arc(160 + 6 * Math.sin(t), 78, 34, 0, 2 * Math.PI);
    g.fill();
    g.beginPath();
    g.ellipse(160, 190, 80, 60, 0, 0, 2 * Math.PI);
    g.fill();
    g.fillStyle = '#e8eaed';
    g.font = '14px sans-serif';
    g.fillText('self-view', 12, 22);
  }
  draw();
  setInterval(draw, 66);
  var self = document.getElementById('self');
  self.srcObject = c.captureStream(15);
  self.play();

  var clock = document.getElementById('clock');
  setInterval(function () {
    var s = Math.floor((performance.now() - t0) / 1000);
    clock.textContent = String(Math.floor(s / 60)).padStart(2, '0') + ':' + String(s % 60).padStart(2, '0');
  }, 1000);
})();
