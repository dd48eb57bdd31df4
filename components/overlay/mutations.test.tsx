import { afterEach, describe, expect, it } from 'vitest';
import { recordsOf, setBody } from '../../tests/helpers/mutation-records';
import { addsOrRemovesForeignElement, isInsideEditable } from './mutations';

afterEach(() => document.body.replaceChildren());

describe('the overlays’ mutation gate', () => {
  it('typing in a message box (its lines and text replaced) happens inside an editable field', async () => {
    setBody('<form><div contenteditable="true" role="textbox"><p><br></p></div></form>');
    const box = document.querySelector('[role="textbox"]')!;
    const records = await recordsOf(() => {
      box.replaceChildren(document.createElement('p'));
      box.firstElementChild!.append('Hello', document.createElement('br'));
    });
    expect(records.length).toBeGreaterThanOrEqual(2);
    for (const record of records) {
      expect(isInsideEditable(record)).toBe(true);
    }
  });

  it('a message box opening or closing is not inside one, nor is a field switched off', async () => {
    setBody('<div contenteditable="false"><span></span></div>');
    const records = await recordsOf(() => {
      const box = document.createElement('div');
      box.setAttribute('contenteditable', 'true');
      document.body.append(box);
      box.remove();
      document.querySelector('span')!.append(document.createElement('b'));
    });
    expect(records.length).toBeGreaterThanOrEqual(3);
    for (const record of records) expect(isInsideEditable(record)).toBe(false);
    expect(records.every(addsOrRemovesForeignElement)).toBe(true);
  });

  it('our own hosts coming and going are no foreign element', async () => {
    const records = await recordsOf(() => {
      const host = document.createElement('ft-overlay');
      document.body.append(host);
      host.remove();
    });
    expect(records.length).toBeGreaterThanOrEqual(2);
    expect(records.some(addsOrRemovesForeignElement)).toBe(false);
  });
});
