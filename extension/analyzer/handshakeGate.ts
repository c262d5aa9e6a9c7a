/**
 * Which handshake messages the analyzer frame examines. Only one: the first well-formed handshake
 * that comes from the window embedding the frame (where the content script posts). Anything from
 * another window is ignored; every later handshake's port is closed unread, so a page cannot try
 * nonce after nonce, nor swap in its own port once the content script's is taken.
 */
export type HandshakeDecision = 'claim' | 'close' | 'ignore';

export class HandshakeGate {
  private seen = false;

  /**
   * `fromParent`: the message's source is the embedding window (and the frame is embedded at all);
   * `wellFormed`: it parses as a handshake and carries a port.
   */
  decide(fromParent: boolean, wellFormed: boolean): HandshakeDecision {
    if (!fromParent || !wellFormed) return 'ignore';
    if (this.seen) return 'close';
    this.seen = true;
    return 'claim';
  }
}
