import { describe, expect, it } from 'vitest';
import { badgeFor } from './badge';

describe('the badge with sends in flight', () => {
  it('names a send in its undo window and unconfirmed sends in its title, not in its count', () => {
    expect(badgeFor({ due: 0, overdue: 0 }, { sending: 1, unconfirmed: 0 })).toEqual({
      text: '',
      color: '#1A73E8',
      title: 'Fifth Touch: nothing due · 1 sending (Gmail can still undo it)',
    });
    expect(badgeFor({ due: 2, overdue: 1 }, { sending: 2, unconfirmed: 3 })).toMatchObject({
      text: '2',
      title:
        'Fifth Touch: 2 follow-ups due, 1 overdue · 2 sending (Gmail can still undo them) · 3 unconfirmed sends to keep or discard',
    });
    expect(badgeFor({ due: 1, overdue: 0 }, { sending: 0, unconfirmed: 1 }).title).toBe(
      'Fifth Touch: 1 follow-up due · 1 unconfirmed send to keep or discard',
    );
  });

  it('says nothing more when nothing is in flight, or the counts are nonsense', () => {
    expect(badgeFor({ due: 1, overdue: 0 }).title).toBe('Fifth Touch: 1 follow-up due');
    expect(badgeFor({ due: 1, overdue: 0 }, { sending: -3, unconfirmed: 0.4 }).title).toBe(
      'Fifth Touch: 1 follow-up due',
    );
  });
});
