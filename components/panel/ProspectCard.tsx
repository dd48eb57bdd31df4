// One follow-up in a list, compact (Chrome's 360×640 side panel shows six or more): three lines when
// closed. Who, their company, where they are in the cadence and when they are due; the channels due
// (with the number or handle a call or tweet needs), the angle and its draft; and the one-click
// actions, short on screen with their full names for screen readers (the keys are said once, above
// the list). A won lead offers its
// thank-you or check-in, never "Log no".
import type { KeyboardEvent } from 'react';
import type { Prospect, Settings } from '../../lib/model';
import type { ProspectActions } from '../actions';
import {
  CHANNEL_ICONS,
  CHANNEL_LABELS,
  formatDay,
  nosProgress,
  relativeDay,
  relativeDue,
  STATUS_LABELS,
  telUrl,
  touchProgress,
  twitterProfileUrl,
} from '../format';
import { useEnv, useToday } from '../env';
import { usePanelStore } from '../store';
import { AngleSuggestion, wonStep } from './AngleSuggestion';
import { ManualTouchForm } from './ManualTouchForm';
import { SnoozeMenu } from './SnoozeMenu';

/** Single-key shortcuts on a focused prospect row; said above the list and on each button's tooltip. */
export const SHORTCUTS = {
  reply: 'r',
  no: 'n',
  won: 'w',
  lost: 'l',
  snooze: 's',
  touch: 't',
} as const;

export function ProspectCard({
  prospect,
  settings,
  actions,
  index,
  active,
  onFocusRow,
  onRowKeyDown,
  onBeforeAction,
}: {
  prospect: Prospect;
  settings: Settings;
  actions: ProspectActions;
  index: number;
  active: boolean;
  onFocusRow: (index: number) => void;
  onRowKeyDown: (event: KeyboardEvent<HTMLLIElement>, prospect: Prospect) => void;
  /** Called before each action, so the list can keep focus on this row or its neighbour. */
  onBeforeAction?: () => void;
}) {
  const { now } = useEnv();
  const today = useToday();
  const dialog = usePanelStore((s) => s.dialog);
  const openDialog = usePanelStore((s) => s.openDialog);
  const openProspect = usePanelStore((s) => s.openProspect);
  const snoozing = dialog?.kind === 'snooze' && dialog.prospectId === prospect.id;
  const touching = dialog?.kind === 'touch' && dialog.prospectId === prospect.id;
  const closed = prospect.status === 'won' || prospect.status === 'lost';
  const won = prospect.status === 'won';
  const undeliverable = prospect.undeliverable ?? [];
  const nameId = `prospect-name-${prospect.id}`;
  const step = won ? wonStep(prospect) : undefined;
  const act = (run: () => unknown) => () => {
    onBeforeAction?.();
    void run();
  };
  const closeForm = () => {
    onBeforeAction?.();
    openDialog(null);
  };
  const phoneLink = prospect.nextChannels.includes('call') ? telUrl(prospect.phone) : undefined;
  const twitterLink = prospect.nextChannels.includes('twitter')
    ? twitterProfileUrl(prospect.twitter)
    : undefined;
  const facts: { text: string; className?: string }[] = [];
  if (prospect.noCount > 0 && !closed)
    facts.push({ text: nosProgress(prospect.noCount, settings.nosThreshold) });
  if (prospect.lastTouchAt !== undefined)
    facts.push({ text: `last touch ${relativeDay(prospect.lastTouchAt, now())}` });
  if (undeliverable.length > 0)
    facts.push({ text: `undeliverable: ${undeliverable.join(', ')}`, className: 'undeliverable' });

  return (
    <li
      className="prospect"
      data-prospect-row={index}
      data-prospect-id={prospect.id}
      tabIndex={active ? 0 : -1}
      aria-labelledby={nameId}
      onFocus={(event) => {
        if (event.target === event.currentTarget) onFocusRow(index);
      }}
      onKeyDown={(event) => onRowKeyDown(event, prospect)}
    >
      <div className="prospect-head">
        <button
          type="button"
          className="link-button prospect-name"
          id={nameId}
          onClick={() => openProspect(prospect.id, index)}
        >
          {prospect.name}
        </button>
        {prospect.company && <span className="company">{prospect.company}</span>}
        {prospect.status !== 'active' && (
          <span className={`status status-${prospect.status}`}>
            {STATUS_LABELS[prospect.status]}
          </span>
        )}
        {!closed && prospect.totalSteps > 0 && (
          <span className="progress">{touchProgress(prospect)}</span>
        )}
        {prospect.nextDueDay && (
          <span className={prospect.nextDueDay < today ? 'due overdue' : 'due'}>
            {step ? `${step === 'thank-you' ? 'thank-you' : 'check-in'} ` : ''}due{' '}
            {relativeDue(prospect.nextDueDay, today)}
          </span>
        )}
      </div>
      {/* The second line: what the step needs, then the facts, cut short with "…" when they do
          not fit (whole in the tooltip, for screen readers, and on the prospect's page). */}
      <div className="prospect-facts">
        {prospect.nextChannels.length > 0 && (
          <span className="channels" aria-label="Channels due">
            {prospect.nextChannels.map((channel) =>
              // A call or a tweet due shows the number or handle it needs in place of the word.
              channel === 'call' && phoneLink ? (
                <a
                  key={channel}
                  href={phoneLink}
                  className="channel channel-call contact-link"
                  title={`Call ${prospect.phone}`}
                >
                  ☎ {prospect.phone}
                </a>
              ) : channel === 'twitter' && twitterLink ? (
                <a
                  key={channel}
                  href={twitterLink}
                  className="channel channel-twitter contact-link"
                  title={`${CHANNEL_LABELS.twitter} @${prospect.twitter}`}
                  target="_blank"
                  rel="noreferrer noopener"
                >
                  {CHANNEL_ICONS.twitter} @{prospect.twitter}
                </a>
              ) : (
                <span key={channel} className={`channel channel-${channel}`}>
                  <span aria-hidden="true">{CHANNEL_ICONS[channel]}</span> {CHANNEL_LABELS[channel]}
                </span>
              ),
            )}
          </span>
        )}
        {prospect.nextDueDay && (!closed || step) && (
          <AngleSuggestion prospect={prospect} settings={settings} />
        )}
        {facts.length > 0 && (
          <span className="facts-more" title={facts.map((fact) => fact.text).join(' · ')}>
            {facts.map((fact) => (
              <span key={fact.text} className={fact.className}>
                {fact.text}
              </span>
            ))}
          </span>
        )}
      </div>
      <div className="row-actions" role="group" aria-label={`Actions for ${prospect.name}`}>
        {prospect.status === 'active' && (
          <ActionButton
            label="Log reply"
            shown="Reply"
            hint={SHORTCUTS.reply}
            onClick={act(() => actions.logReply(prospect))}
          />
        )}
        {!closed && (
          <ActionButton
            label="Log no"
            shown="No"
            hint={SHORTCUTS.no}
            onClick={act(() => actions.logNo(prospect))}
          />
        )}
        {!won && (
          <ActionButton
            label="Won"
            hint={SHORTCUTS.won}
            onClick={act(() => actions.logWon(prospect))}
          />
        )}
        {prospect.status !== 'lost' && (
          <ActionButton
            label="Lost"
            hint={SHORTCUTS.lost}
            onClick={act(() => actions.logLost(prospect))}
          />
        )}
        {(prospect.status === 'replied' || closed || prospect.status === 'paused') && (
          <ActionButton label="Resume" onClick={act(() => actions.resume(prospect))} />
        )}
        {prospect.status === 'active' && (
          <ActionButton
            label="Snooze"
            hint={SHORTCUTS.snooze}
            expanded={snoozing}
            onClick={() =>
              openDialog(snoozing ? null : { kind: 'snooze', prospectId: prospect.id })
            }
          />
        )}
        <ActionButton
          label={step === 'thank-you' ? 'Log thank-you' : step ? 'Log check-in' : 'Log touch'}
          shown={step === 'thank-you' ? 'Thank-you' : step ? 'Check-in' : 'Touch'}
          hint={SHORTCUTS.touch}
          expanded={touching}
          onClick={() => openDialog(touching ? null : { kind: 'touch', prospectId: prospect.id })}
        />
      </div>
      {snoozing && (
        <SnoozeMenu
          prospect={prospect}
          skipWeekends={settings.skipWeekends}
          onSnooze={(until) => {
            closeForm();
            void actions.snooze(prospect, until);
          }}
          onCancel={closeForm}
        />
      )}
      {touching && (
        <ManualTouchForm
          prospect={prospect}
          defaultSummary={
            step === 'thank-you' ? 'Thank-you' : step === 'check-in' ? 'Check-in' : undefined
          }
          onLog={(input) => {
            closeForm();
            void actions.logTouch(prospect, input);
          }}
          onCancel={closeForm}
        />
      )}
      {prospect.nextDueDay && closed && !step && (
        <div className="reason">Next: {formatDay(prospect.nextDueDay)}</div>
      )}
    </li>
  );
}

/** `shown` is the short text on screen; it is part of `label`, the button's name (WCAG 2.5.3). */
function ActionButton({
  label,
  shown,
  hint,
  expanded,
  onClick,
}: {
  label: string;
  shown?: string;
  hint?: string;
  expanded?: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      onClick={onClick}
      aria-label={shown ? label : undefined}
      aria-keyshortcuts={hint}
      aria-expanded={expanded}
      title={hint ? `${label} (${hint.toUpperCase()})` : label}
    >
      {shown ?? label}
    </button>
  );
}
