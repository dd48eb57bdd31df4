// One follow-up in a list: who, what is due on which channels, where they are in the cadence, and
// the one-click actions with their keyboard shortcuts.
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
  touchProgress,
} from '../format';
import { useEnv, useToday } from '../env';
import { usePanelStore } from '../store';
import { AngleSuggestion } from './AngleSuggestion';
import { ManualTouchForm } from './ManualTouchForm';
import { SnoozeMenu } from './SnoozeMenu';

/** Single-key shortcuts on a focused prospect row; shown as hints on the buttons. */
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
}: {
  prospect: Prospect;
  settings: Settings;
  actions: ProspectActions;
  index: number;
  active: boolean;
  onFocusRow: (index: number) => void;
  onRowKeyDown: (event: KeyboardEvent<HTMLLIElement>, prospect: Prospect) => void;
}) {
  const { now } = useEnv();
  const today = useToday();
  const dialog = usePanelStore((s) => s.dialog);
  const openDialog = usePanelStore((s) => s.openDialog);
  const openProspect = usePanelStore((s) => s.openProspect);
  const snoozing = dialog?.kind === 'snooze' && dialog.prospectId === prospect.id;
  const touching = dialog?.kind === 'touch' && dialog.prospectId === prospect.id;
  const closed = prospect.status === 'won' || prospect.status === 'lost';
  const undeliverable = prospect.undeliverable ?? [];
  const nameId = `prospect-name-${prospect.id}`;

  return (
    <li
      className="prospect"
      data-prospect-row={index}
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
          onClick={() => openProspect(prospect.id)}
        >
          {prospect.name}
        </button>
        {prospect.company && <span className="company">{prospect.company}</span>}
        {prospect.status !== 'active' && (
          <span className={`status status-${prospect.status}`}>
            {STATUS_LABELS[prospect.status]}
          </span>
        )}
      </div>
      <div className="prospect-facts">
        {prospect.nextDueDay && (
          <span className={prospect.nextDueDay < today ? 'due overdue' : 'due'}>
            due {relativeDue(prospect.nextDueDay, today)}
          </span>
        )}
        {prospect.nextChannels.length > 0 && (
          <span className="channels" aria-label="Channels due">
            {prospect.nextChannels.map((channel) => (
              <span key={channel} className={`channel channel-${channel}`}>
                <span aria-hidden="true">{CHANNEL_ICONS[channel]}</span> {CHANNEL_LABELS[channel]}
              </span>
            ))}
          </span>
        )}
        {!closed && prospect.totalSteps > 0 && <span>{touchProgress(prospect)}</span>}
        {prospect.noCount > 0 && (
          <span>{nosProgress(prospect.noCount, settings.nosThreshold)}</span>
        )}
        {prospect.lastTouchAt !== undefined && (
          <span>last touch {relativeDay(prospect.lastTouchAt, now())}</span>
        )}
        {undeliverable.length > 0 && (
          <span className="undeliverable" title={undeliverable.join(', ')}>
            undeliverable: {undeliverable.join(', ')}
          </span>
        )}
      </div>
      {prospect.nextDueDay && !closed && (
        <AngleSuggestion prospect={prospect} settings={settings} />
      )}
      <div className="row-actions" role="group" aria-label={`Actions for ${prospect.name}`}>
        {prospect.status === 'active' && (
          <ActionButton
            label="Log reply"
            hint={SHORTCUTS.reply}
            onClick={() => actions.logReply(prospect)}
          />
        )}
        {prospect.status !== 'lost' && (
          <ActionButton
            label="Log no"
            hint={SHORTCUTS.no}
            onClick={() => actions.logNo(prospect)}
          />
        )}
        {prospect.status !== 'won' && (
          <ActionButton label="Won" hint={SHORTCUTS.won} onClick={() => actions.logWon(prospect)} />
        )}
        {prospect.status !== 'lost' && (
          <ActionButton
            label="Lost"
            hint={SHORTCUTS.lost}
            onClick={() => actions.logLost(prospect)}
          />
        )}
        {(prospect.status === 'replied' || closed || prospect.status === 'paused') && (
          <ActionButton label="Resume" onClick={() => actions.resume(prospect)} />
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
          label="Log touch"
          hint={SHORTCUTS.touch}
          expanded={touching}
          onClick={() => openDialog(touching ? null : { kind: 'touch', prospectId: prospect.id })}
        />
      </div>
      {snoozing && (
        <SnoozeMenu
          prospect={prospect}
          onSnooze={(until) => {
            openDialog(null);
            void actions.snooze(prospect, until);
          }}
          onCancel={() => openDialog(null)}
        />
      )}
      {touching && (
        <ManualTouchForm
          prospect={prospect}
          onLog={(input) => {
            openDialog(null);
            void actions.logTouch(prospect, input);
          }}
          onCancel={() => openDialog(null)}
        />
      )}
      {prospect.nextDueDay && closed && (
        <div className="reason">Next: {formatDay(prospect.nextDueDay)}</div>
      )}
    </li>
  );
}

function ActionButton({
  label,
  hint,
  expanded,
  onClick,
}: {
  label: string;
  hint?: string;
  expanded?: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      onClick={onClick}
      aria-keyshortcuts={hint}
      aria-expanded={expanded}
      title={hint ? `${label} (${hint.toUpperCase()})` : label}
    >
      {label}
      {hint && <kbd aria-hidden="true">{hint.toUpperCase()}</kbd>}
    </button>
  );
}
