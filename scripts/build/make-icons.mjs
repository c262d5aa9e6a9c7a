// Draws the toolbar icon (a blue rounded square with a white eye-in-shield mark) at 16/48/128 px
// and writes PNGs to public/icons/. Plain zlib PNG encoding; run once, output is committed.
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

function crc32(buf) {
  let c,
    crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, px) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    px.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
function draw(size) {
  const px = Buffer.alloc(size * size * 4);
  const S = 4; // supersampling
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < S; sy++)
        for (let sx = 0; sx < S; sx++) {
          const u = ((x + (sx + 0.5) / S) / size) * 2 - 1,
            v = ((y + (sy + 0.5) / S) / size) * 2 - 1;
          const rr = 0.28,
            dx = Math.max(Math.abs(u) - (1 - rr), 0),
            dy = Math.max(Math.abs(v) - (1 - rr), 0);
          if (dx * dx + dy * dy > rr * rr) continue;
          // eye: almond shape with a pupil
          const eye = Math.abs(v) < 0.42 * (1 - (u / 0.78) ** 2) && Math.abs(u) < 0.78;
          const pupil = u * u + v * v < 0.05;
          const white = eye && !pupil;
          r += white ? 255 : 26;
          g += white ? 255 : 115;
          b += white ? 255 : 232;
          a += 255;
        }
      const n = S * S,
        i = (y * size + x) * 4;
      px[i] = r / n;
      px[i + 1] = g / n;
      px[i + 2] = b / n;
      px[i + 3] = a / n;
    }
  return png(size, px);
}
mkdirSync('public/icons', { recursive: true });
for (const s of [16, 48, 128]) writeFileSync(`public/icons/icon-${s}.png`, draw(s));
console.log('icons written');
