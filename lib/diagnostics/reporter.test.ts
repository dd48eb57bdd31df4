import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../messages';
import { createDiagnosticReporter, REPORT_INTERVAL_MS } from './reporter';

function harness() {
  const sent: Diagnostic[] = [];
  let now = 1_000_000;
  const reporter = createDiagnosticReporter(
    'gmail',
    async (diagnostic) => {
      sent.push(diagnostic);
    },
    () => now,
  );
  return { sent, reporter, advance: (ms: number) => (now += ms) };
}

describe('a content script’s diagnostic reporter', () => {
  it('sends the site, the check and the detail', () => {
    const { sent, reporter } = harness();
    reporter.report('compose-recipients', '0 chips');
    expect(sent).toEqual([{ site: 'gmail', check: 'compose-recipients', detail: '0 chips' }]);
  });

  it('sends each check at most once a minute, so a failing observer costs one message', () => {
    const { sent, reporter, advance } = harness();
    for (let index = 0; index < 1000; index++) reporter.report('thread-bar');
    reporter.report('sync-payload');
    expect(sent.map((d) => d.check)).toEqual(['thread-bar', 'sync-payload']);
    advance(REPORT_INTERVAL_MS);
    reporter.report('thread-bar');
    expect(sent).toHaveLength(3);
  });

  it('never throws, even when sending fails or throws', () => {
    const rejecting = createDiagnosticReporter('linkedin', () => Promise.reject(new Error('gone')));
    expect(() => rejecting.report('a')).not.toThrow();
    const throwing = createDiagnosticReporter('linkedin', () => {
      throw new Error('no runtime');
    });
    expect(() => throwing.report('a')).not.toThrow();
  });

  it('cuts a detail to 200 characters', () => {
    const { sent, reporter } = harness();
    reporter.report('x', 'y'.repeat(500));
    expect(sent[0]!.detail).toHaveLength(200);
  });
});
