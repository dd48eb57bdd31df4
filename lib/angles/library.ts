// The built-in angles: reasons to get in touch that give the prospect something, so no follow-up
// has to say "just checking in". Templates are starting points the user can edit in the options.
import type { Channel } from '../model';

/** The part of the relationship an angle suits. */
export const ANGLE_PHASES = ['cadence', 'nurture', 'after-win'] as const;
export type AnglePhase = (typeof ANGLE_PHASES)[number];

export interface Angle {
  id: string;
  label: string;
  /** One line telling the rep what to say. */
  prompt: string;
  /** A short message with placeholders ({firstName}, {company}, {lastSubject}, {myName}, …). */
  template: string;
  channels: Channel[];
  phases: AnglePhase[];
  /** False for the user's own angles. */
  builtIn: boolean;
}

const PROSPECTING: AnglePhase[] = ['cadence', 'nurture'];
const WRITTEN: Channel[] = ['email', 'linkedin'];

/** In suggestion order: the chooser walks this list along the cadence. */
export const BUILT_IN_ANGLES: readonly Angle[] = [
  {
    id: 'business-value',
    label: 'Business value',
    prompt: 'Restate the one outcome that matters to them, in their numbers, not your features.',
    template:
      'Hi {firstName},\n\nOne thing I should have said more plainly: teams like {company} use this to cut the time spent on [their problem] by about [result]. If that matters this quarter, a 20-minute call would show whether it holds for you.\n\n{myName}',
    channels: [...WRITTEN, 'call', 'meeting'],
    phases: PROSPECTING,
    builtIn: true,
  },
  {
    id: 'insight',
    label: 'Insight',
    prompt: 'Share one observation about their market or team that they may not have seen.',
    template:
      'Hi {firstName},\n\nSomething I keep seeing with teams like {company}: [insight]. The ones who handle it well [what they do]. Happy to share how, if useful.\n\n{myName}',
    channels: [...WRITTEN, 'twitter', 'call'],
    phases: PROSPECTING,
    builtIn: true,
  },
  {
    id: 'priorities-question',
    label: 'Their priorities',
    prompt: 'Ask one sharp question about what they are focused on this quarter, and listen.',
    template:
      "Hi {firstName},\n\nQuick question rather than a pitch: what is the one thing {company} has to get right this quarter? If it isn't [your area], I'll stop guessing and leave you be.\n\n{myName}",
    channels: [...WRITTEN, 'call', 'meeting'],
    phases: PROSPECTING,
    builtIn: true,
  },
  {
    id: 'case-study',
    label: 'Case study',
    prompt: 'Tell the short story of a similar customer: the problem, what they did, the result.',
    template:
      'Hi {firstName},\n\n[Customer], a team much like {company}, had [problem]. In [time] they [result]. The two-page write-up is here: [link]. Worth a look?\n\n{myName}',
    channels: WRITTEN,
    phases: PROSPECTING,
    builtIn: true,
  },
  {
    id: 'educate',
    label: 'Educate',
    prompt: 'Teach one practical thing they can use today, whether or not they buy.',
    template:
      'Hi {firstName},\n\nA tip that works whether or not we ever work together: [tip]. It usually saves [benefit]. Glad to walk {company} through it.\n\n{myName}',
    channels: WRITTEN,
    phases: PROSPECTING,
    builtIn: true,
  },
  {
    id: 'news',
    label: 'News',
    prompt: 'Share a piece of news (yours or their industry’s) and say why it matters to them.',
    template:
      'Hi {firstName},\n\nThought of {company} when I saw this: [news]. It means [why it matters to them]. Curious whether it is on your radar.\n\n{myName}',
    channels: [...WRITTEN, 'twitter'],
    phases: PROSPECTING,
    builtIn: true,
  },
  {
    id: 'resource',
    label: 'Useful resource',
    prompt: 'Send a tool, template, benchmark or article that helps them, with one line on why.',
    template:
      'Hi {firstName},\n\nThis [resource] might save {company} some time: [link]. The part on [topic] is the useful bit.\n\n{myName}',
    channels: [...WRITTEN, 'twitter'],
    phases: PROSPECTING,
    builtIn: true,
  },
  {
    id: 'introduction',
    label: 'Introduction',
    prompt: 'Offer to introduce them to someone worth knowing: a peer, a customer, an expert.',
    template:
      'Hi {firstName},\n\nI know [person], who [relevant experience] at a company much like {company}. Would an introduction be useful? No strings attached.\n\n{myName}',
    channels: WRITTEN,
    phases: PROSPECTING,
    builtIn: true,
  },
  {
    id: 'event-invite',
    label: 'Event invitation',
    prompt: 'Invite them to a webinar, dinner or meetup their peers will attend.',
    template:
      'Hi {firstName},\n\nWe are hosting [event] on [date] with [speakers or peers]. A few teams like {company} are coming; I would be glad to save you a seat.\n\n{myName}',
    channels: [...WRITTEN, 'call'],
    phases: PROSPECTING,
    builtIn: true,
  },
  {
    id: 'congratulate',
    label: 'Congratulate',
    prompt: 'Congratulate them on something real: a launch, a hire, funding, a new role.',
    template: 'Congratulations on [milestone], {firstName}! Big step for {company}.',
    channels: ['linkedin', 'twitter', 'email'],
    phases: PROSPECTING,
    builtIn: true,
  },
  {
    id: 'thank-you',
    label: 'Thank-you',
    prompt:
      'Thank them for their trust, say what happens next, and who to call if anything is off.',
    template:
      'Hi {firstName},\n\nThank you for choosing us; the whole team is glad to be working with {company}. Next step: [what happens next]. If anything is unclear, I am one reply away.\n\n{myName}',
    channels: [...WRITTEN, 'call'],
    phases: ['after-win'],
    builtIn: true,
  },
  {
    id: 'delivery-check-in',
    label: 'Check-in after delivery',
    prompt:
      'Ask how it is going now that it is live, and whether they got the result they bought it for.',
    template:
      'Hi {firstName},\n\nNow that {company} has been up and running for a while: is it doing what you needed? If anything gets in the way, tell me and I will sort it out.\n\n{myName}',
    channels: [...WRITTEN, 'call', 'meeting'],
    phases: ['after-win'],
    builtIn: true,
  },
];
