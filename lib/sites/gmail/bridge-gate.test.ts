import { BRIDGE_VERSION, type BridgeEvent } from './bridge';
import { BridgeGate, TokenBucket } from './bridge-gate';

function send(index: number): BridgeEvent {
  return {
    version: BRIDGE_VERSION,
    kind: 'send',
    account: 'u/0',
    at: 0,
    messageId: `msg-a:r${1_000_000 + index}`,
    recipients: [{ email: `p${index}@acme.example`, role: 'to' }],
    subject: 'x',
  };
}

describe('TokenBucket', () => {
  it('gives its capacity at once, then one token per period', () => {
    const bucket = new TokenBucket(3, 1_000, 0);
    expect([1, 2, 3, 4].map(() => bucket.take(0))).toEqual([true, true, true, false]);
    expect(bucket.take(999)).toBe(false);
    expect(bucket.take(1_000)).toBe(true);
    expect(bucket.take(1_000)).toBe(false);
  });

  it('never exceeds its capacity after a long pause, and a clock going back gives nothing', () => {
    const bucket = new TokenBucket(2, 1_000, 0);
    bucket.take(0);
    bucket.take(0);
    expect(bucket.take(-50_000)).toBe(false);
    const taken = [1, 2, 3].map(() => bucket.take(1_000_000));
    expect(taken).toEqual([true, true, false]);
  });
});

describe('BridgeGate', () => {
  it('a forged flood with no send gesture gets the small budget only', () => {
    const gate = new BridgeGate(0);
    const verdicts = Array.from({ length: 1_000 }, (_, i) => gate.admit(send(i), i));
    expect(verdicts.filter((v) => v === 'admitted')).toHaveLength(5);
    expect(gate.refused).toBe(995);
  });

  it("sends right after the user's gesture get the generous budget", () => {
    const gate = new BridgeGate(0);
    gate.sawGesture(0);
    const admitted = Array.from({ length: 40 }, (_, i) => gate.admit(send(i), 100)).filter(
      (v) => v === 'admitted',
    );
    expect(admitted).toHaveLength(30);
  });

  it('a page life never admits more than the hard cap, however slowly the flood comes', () => {
    const gate = new BridgeGate(0, { lifetimeSends: 50 });
    let admitted = 0;
    for (let i = 0; i < 10_000; i++) {
      gate.sawGesture(i * 10_000);
      if (gate.admit(send(i), i * 10_000) === 'admitted') admitted++;
    }
    expect(admitted).toBe(50);
    expect(gate.admit(send(1), 1e12)).toBe('over-cap');
  });

  it('failure and undo events have their own budget and never use the send budget', () => {
    const gate = new BridgeGate(0);
    for (let i = 0; i < 100; i++) gate.admit({ ...send(i), kind: 'failed', recipients: [] }, 0);
    expect(gate.admit(send(1), 0)).toBe('admitted');
  });
});
