// The demo call: the candidate tile plays ?clip= (a file under /media/) with its audio, looping;
// the self-view is a mirrored <video> showing a drawn stand-in for the local camera.
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  var clip = params.get('clip') || 'generated/noface.mp4';
  var cand = document.getElementById('candidate');
  cand.src = '/media/' + clip.split('/').map(encodeURIComponent).join('/');
  cand.loop = params.get('loop') !== '0';
  var join = document.getElementById('join');
  function play() {
    cand.muted = false;
    cand.play().then(
      function () {
        join.hidden = true;
      },
      function () {
        // Autoplay with sound refused: play muted so the picture runs, and offer the button.
        cand.muted = true;
        cand.play();
        join.hidden = false;
      },
    );
  }
  join.addEventListener('click', function () {
    cand.muted = false;
    cand.play();
    join.hidden = true;
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
