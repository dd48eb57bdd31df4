// The profile card: on a profile page, at the end of the owner's top card (either UI), for a
// tracked prospect or an offer to track someone new. Only a profile read from its top card gets
// one; a page that shows nobody gets the unreadable notice instead.
import { addDaysToDay } from '../../../lib/cadence/days';
import { sendMessage } from '../../../lib/messages';
import { ProfileCard } from '../../../components/linkedin/ProfileCard';
import type { LinkedInOverlay, PageState } from './types';
import { mountShadowUi, type ShadowUi } from '../../../components/overlay/shadow-ui';
import { LINKEDIN_SHADOW } from '../../../components/overlay/styles';

export const mountProfileCard: LinkedInOverlay = (ctx) => {
  let ui: ShadowUi | null = null;
  let mounting = false;
  let key = '';

  const remove = () => {
    ui?.remove();
    ui = null;
    key = '';
  };

  return {
    update(state: PageState) {
      const profile = state.profile;
      const anchor = profile?.name ? state.profileCard : null;
      if (!profile || !anchor) return remove();
      const summary = state.prospects.find((prospect) =>
        profile.profileIds.some((id) => prospect.linkedinIds.includes(id)),
      );
      const render = (target: ShadowUi) => {
        const prospectId = summary?.id ?? '';
        const today = state.today;
        target.render(
          <ProfileCard
            summary={summary}
            profileName={profile.name ?? ''}
            today={today}
            settings={state.settings}
            track={() =>
              sendMessage('trackProspect', {
                ...(profile.name ? { name: profile.name } : {}),
                ...(profile.company ? { company: profile.company } : {}),
                linkedinIds: profile.profileIds,
              }).finally(state.refresh)
            }
            untrack={(id) =>
              sendMessage('untrackProspect', { prospectId: id }).finally(state.refresh)
            }
            actions={{
              logReply: () =>
                sendMessage('logOutcome', { prospectId, kind: 'reply' }).finally(state.refresh),
              logNo: () =>
                sendMessage('logOutcome', { prospectId, kind: 'no' }).finally(state.refresh),
              snooze: () =>
                sendMessage('logOutcome', {
                  prospectId,
                  kind: 'snooze',
                  until: addDaysToDay(today, 7),
                }).finally(state.refresh),
              openSidePanel: () => sendMessage('openSidePanel', { prospectId }),
              notAProspect: () =>
                sendMessage('markNotAProspect', { prospectId }).finally(state.refresh),
            }}
          />,
        );
      };
      const nextKey = profile.profileId;
      if (ui && (key !== nextKey || ui.anchor !== anchor || !ui.isConnected())) remove();
      if (ui) return render(ui);
      if (mounting) return;
      mounting = true;
      key = nextKey;
      void mountShadowUi(ctx, { ...LINKEDIN_SHADOW, anchor: anchor, append: 'last' })
        .then((mounted) => {
          ui = mounted;
          render(mounted);
        })
        .catch(() => undefined)
        .finally(() => {
          mounting = false;
        });
    },
    cleanup: remove,
  };
};
