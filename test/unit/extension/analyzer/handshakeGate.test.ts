import { describe, expect, it } from 'vitest';
import { HandshakeGate } from '../../../../extension/analyzer/handshakeGate';

describe('HandshakeGate: the analyzer frame examines one handshake, from the window that embeds it', () => {
  it('ignores handshakes from any other window, however well formed, and junk from anywhere', () => {
    const g = new HandshakeGate();
    expect(g.decide(false, true)).toBe('ignore');
    expect(g.decide(true, false)).toBe('ignore');
    // Neither used up the one handshake.
    expect(g.decide(true, true)).toBe('claim');
  });

  it('claims the first well-formed one and closes every later port unread', () => {
    const g = new HandshakeGate();
    expect(g.decide(true, true)).toBe('claim');
    for (let i = 0; i < 5; i++) expect(g.decide(true, true)).toBe('close');
    expect(g.decide(false, true)).toBe('ignore');
  });
});
