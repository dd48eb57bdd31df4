// A realistic book of business for the benchmarks, the same every time for the same seed, size and
// day: prospects with about ten touches each over mixed channels, replies, nos, wins, losses and
// snoozes, and due days spread over overdue, today, the coming week, later and none.
//
// `generateBook` is self-contained (no import, no outer constant), so the same function runs in
// Node and, through its source text, inside an extension page, where building 50k prospects and
// half a million touches costs far less than shipping them over the DevTools protocol.
import type { Channel, LocalDay, Outcome, Prospect, Touch } from '../../lib/model';

export const BOOK_SIZES = [1_000, 10_000, 50_000] as const;
export const DEFAULT_SEED = 20_260_704;

export interface BookOptions {
  prospects: number;
  /** The local day the book is "as of": due days are spread around it. */
  today: LocalDay;
  /** Epoch ms of "now"; touch times are before it. */
  now: number;
  seed?: number;
  /** Mean touches per prospect (each prospect gets 5..15 around 10). */
  touchesPerProspect?: number;
}

export interface Book {
  prospects: Prospect[];
  touches: Touch[];
  outcomes: Outcome[];
}

/** What a book holds, for the report (how many due in each list). */
export interface BookShape {
  prospects: number;
  touches: number;
  outcomes: number;
  overdue: number;
  today: number;
  upcoming7: number;
  later: number;
  notDue: number;
}

export function generateBook(options: BookOptions): Book {
  const seedValue = (options.seed ?? 20_260_704) >>> 0;
  const meanTouches = options.touchesPerProspect ?? 10;
  const DAY_MS = 86_400_000;

  // mulberry32: small, fast and good enough to spread a book; the same seed gives the same book.
  let state = seedValue;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const weighted = <T>(entries: readonly (readonly [T, number])[]): T => {
    let roll = random() * entries.reduce((sum, [, weight]) => sum + weight, 0);
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return entries[entries.length - 1]![0];
  };
  const hex = (length: number): string => {
    let out = '';
    while (out.length < length)
      out += Math.floor(random() * 0x100000000)
        .toString(16)
        .padStart(8, '0');
    return out.slice(0, length);
  };
  const uuid = (): string => {
    const h = hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
  // Day arithmetic on UTC day numbers, as lib/cadence/days does; `dayOf` reads the local zone.
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const dayNumberOf = (day: string): number => {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
  };
  const dayFromNumber = (n: number): string => {
    const date = new Date(n * DAY_MS);
    return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  };
  const dayOf = (at: number): string => {
    const date = new Date(at);
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  };
  const todayNumber = dayNumberOf(options.today);

  const FIRST = [
    'Jane',
    'Omar',
    'Priya',
    'Lukas',
    'Mei',
    'Carlos',
    'Aisha',
    'Tom',
    'Sofia',
    'Kenji',
    'Fatima',
    'Liam',
    'Elena',
    'Noah',
    'Chloe',
    'Ravi',
    'Hannah',
    'Mateo',
    'Yuki',
    'Grace',
    'Ibrahim',
    'Olivia',
    'Pierre',
    'Zoe',
    'Daniel',
    'Ana',
    'Samuel',
    'Leila',
    'Jonas',
    'Nina',
    'Kwame',
    'Sara',
    'Diego',
    'Ingrid',
    'Arjun',
    'Maya',
    'Felix',
    'Amara',
    'Hugo',
    'Wei',
    'Beatriz',
    'Oscar',
    'Tariq',
    'Clara',
    'Ethan',
    'Rosa',
    'Viktor',
    'Emma',
    'Rahul',
    'Lucia',
  ] as const;
  const LAST = [
    'Doe',
    'Haddad',
    'Sharma',
    'Müller',
    'Chen',
    'García',
    'Okafor',
    'Stone',
    'Rossi',
    'Tanaka',
    'Khan',
    "O'Brien",
    'Petrova',
    'Smith',
    'Dubois',
    'Patel',
    'Schmidt',
    'López',
    'Sato',
    'Kim',
    'Nguyen',
    'Andersson',
    'Moreau',
    'Kowalski',
    'Silva',
    'Cohen',
    'Mensah',
    'Jensen',
    'Ali',
    'Novak',
    'Fischer',
    'Costa',
    'Yilmaz',
    'Walsh',
    'Ivanova',
    'Berg',
    'Reyes',
    'Lindqvist',
    'Adeyemi',
    'Park',
    'Horvat',
    'Nakamura',
    'Dias',
    'Weber',
    'Brennan',
    'Singh',
    'Larsen',
    'Romero',
    'Tremblay',
    'Van Dijk',
  ] as const;
  const COMPANY_HEAD = [
    'Acme',
    'Globex',
    'Initech',
    'Umbrella',
    'Quarry',
    'Northwind',
    'Contoso',
    'Fabrikam',
    'Tailspin',
    'Wingtip',
    'Blue Yonder',
    'Lakeside',
    'Summit',
    'Harbor',
    'Redwood',
    'Ironclad',
    'Brightline',
    'Cobalt',
    'Evergreen',
    'Falcon',
    'Granite',
    'Helix',
    'Juniper',
    'Keystone',
    'Lumen',
    'Meridian',
    'Nimbus',
    'Orbit',
    'Pinnacle',
    'Quantum',
    'Riverstone',
    'Sterling',
    'Tidal',
    'Vertex',
    'Willow',
    'Zephyr',
  ] as const;
  const COMPANY_TAIL = [
    '',
    ' Labs',
    ' Systems',
    ' Health',
    ' Logistics',
    ' Analytics',
    ' Group',
    ' Software',
    ' Energy',
    ' Foods',
    ' Capital',
    ' Robotics',
    ' Media',
    ' Bank',
    ' Retail',
  ] as const;
  const TLDS = ['com', 'com', 'com', 'io', 'co', 'de', 'fr', 'co.uk', 'net', 'ai'] as const;
  const TAGS = [
    'enterprise',
    'smb',
    'mid-market',
    'inbound',
    'outbound',
    'referral',
    'event',
    'q3',
    'renewal',
    'champion',
    'emea',
    'apac',
    'na',
  ] as const;
  const ANGLES = [
    'business-value',
    'insight',
    'priorities-question',
    'case-study',
    'educate',
    'news',
    'resource',
    'introduction',
    'event-invite',
    'congratulate',
  ] as const;
  const SUBJECTS = [
    'Quick question about {c}',
    'Idea for {c} onboarding',
    'Case study: how a team like {c} cut churn',
    'Re: {c} renewal',
    'Following up on our call',
    'Worth a look for {c}?',
    'Intro: {c} x Fifth Touch',
    'The report I mentioned',
    'Congrats on the launch',
    'Re: pricing for {c}',
    'Invitation: roundtable next week',
    'A thought on your Q3 priorities',
  ] as const;
  const CHANNEL_WEIGHTS = [
    ['email', 50],
    ['linkedin', 20],
    ['call', 15],
    ['twitter', 10],
    ['meeting', 5],
  ] as const;
  const STATUS_WEIGHTS = [
    ['active', 72],
    ['replied', 10],
    ['won', 5],
    ['lost', 6],
    ['paused', 5],
    ['not-prospect', 2],
  ] as const;
  // Where an active prospect's next touch falls, relative to today.
  const DUE_WEIGHTS = [
    ['overdue', 15],
    ['today', 5],
    ['upcoming', 30],
    ['later', 40],
    ['none', 10],
  ] as const;
  const CADENCE_STEPS = 9;

  const prospects: Prospect[] = [];
  const touches: Touch[] = [];
  const outcomes: Outcome[] = [];
  const usedVanity = new Set<string>();

  for (let index = 0; index < options.prospects; index += 1) {
    const id = uuid();
    const first = pick(FIRST);
    const last = pick(LAST);
    const company = `${pick(COMPANY_HEAD)}${pick(COMPANY_TAIL)}`;
    const domain = `${company.toLowerCase().replace(/[^a-z]+/g, '')}.${pick(TLDS)}`;
    const local = `${first}.${last}`
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z.]/g, '');
    const emails = [`${local}${index}@${domain}`];
    if (random() < 0.1) emails.push(`${local.split('.')[0]}${index}@gmail.com`);
    const linkedinIds: string[] = [];
    if (random() < 0.7) {
      let vanity = `${local.replace('.', '-')}-${hex(6)}`;
      while (usedVanity.has(vanity)) vanity = `${local.replace('.', '-')}-${hex(6)}`;
      usedVanity.add(vanity);
      linkedinIds.push(vanity);
      if (random() < 0.4) linkedinIds.push(`ACoAA${hex(34)}`);
    }
    const tags = random() < 0.6 ? [pick(TAGS), ...(random() < 0.3 ? [pick(TAGS)] : [])] : [];
    const status = weighted(STATUS_WEIGHTS);

    const touchTotal = Math.max(1, Math.round(meanTouches - 5 + random() * 10));
    // The first touch 2 to 400 days ago; the rest spread up to now, in order.
    const startedAt = options.now - int(2, 400) * DAY_MS - int(0, DAY_MS - 1);
    const createdAt = startedAt - int(0, 3) * DAY_MS;
    const span = options.now - startedAt;
    const times = Array.from({ length: touchTotal }, (_, i) =>
      i === 0 ? startedAt : startedAt + Math.floor(random() * span),
    ).sort((a, b) => a - b);

    let noCount = 0;
    let outbound = 0;
    let lastOutAt: number | undefined;
    let lastAngleId: string | undefined;
    const outDays = new Set<string>();
    times.forEach((at, i) => {
      // Replies come in on prospects that replied; a few others answered once along the way.
      const inbound = i > 0 && (status === 'replied' ? i === touchTotal - 1 : random() < 0.05);
      const channel: Channel = weighted(CHANNEL_WEIGHTS);
      const summary = pick(SUBJECTS).replace('{c}', company);
      const threadId =
        channel === 'email' ? `thread-f:${int(1e9, 9e9)}${int(1e9, 9e9)}` : undefined;
      const angleId = !inbound && random() < 0.6 ? pick(ANGLES) : undefined;
      const touch: Touch = {
        id: uuid(),
        prospectId: id,
        channel,
        direction: inbound ? 'in' : 'out',
        at,
        day: dayOf(at),
        summary,
        source: weighted([
          ['detected', 70],
          ['manual', 20],
          ['import', 10],
        ] as const),
        confirmed: random() < 0.95,
        dedupeKey: `${channel}:${hex(16)}:${id}`,
      };
      if (threadId) {
        touch.threadId = threadId;
        touch.link = `https://mail.google.com/mail/u/0/#inbox/${hex(16)}`;
        touch.account = '/mail/u/0';
      } else if (channel === 'linkedin') {
        touch.link = `https://www.linkedin.com/messaging/thread/2-${hex(24)}/`;
      }
      if (angleId) touch.angleId = angleId;
      if (touch.source === 'manual' && random() < 0.5)
        touch.note = `Spoke about ${summary.toLowerCase()}.`;
      touches.push(touch);
      if (!inbound) {
        outbound += 1;
        lastOutAt = at;
        outDays.add(touch.day);
        if (angleId) lastAngleId = angleId;
      } else {
        outcomes.push({
          id: uuid(),
          prospectId: id,
          kind: 'reply',
          at: at + 1,
          day: dayOf(at + 1),
        });
      }
      // A "no" now and then, never past the fifth (the fifth closes the prospect as lost).
      if (!inbound && noCount < 4 && random() < 0.08) {
        noCount += 1;
        const noAt = Math.min(options.now - 1, at + int(1, 3) * DAY_MS);
        outcomes.push({
          id: uuid(),
          prospectId: id,
          kind: 'no',
          at: noAt,
          day: dayOf(noAt),
          note: 'Not now.',
        });
      }
    });

    const lastAt = times[times.length - 1] as number;
    const closeAt = Math.min(options.now - 1, lastAt + int(1, 5) * DAY_MS);
    if (status === 'won' || status === 'lost') {
      outcomes.push({ id: uuid(), prospectId: id, kind: status, at: closeAt, day: dayOf(closeAt) });
    } else if (status === 'paused') {
      outcomes.push({
        id: uuid(),
        prospectId: id,
        kind: 'pause',
        at: closeAt,
        day: dayOf(closeAt),
      });
    }

    let nextDueDay: string | undefined;
    if (status === 'active') {
      const due = weighted(DUE_WEIGHTS);
      if (due === 'overdue') nextDueDay = dayFromNumber(todayNumber - int(1, 30));
      else if (due === 'today') nextDueDay = options.today;
      else if (due === 'upcoming') nextDueDay = dayFromNumber(todayNumber + int(1, 7));
      else if (due === 'later') nextDueDay = dayFromNumber(todayNumber + int(8, 90));
      // Some later ones wait because the rep snoozed them.
      if (due === 'later' && random() < 0.25) {
        const snoozedAt = Math.min(options.now - 1, lastAt + DAY_MS);
        outcomes.push({
          id: uuid(),
          prospectId: id,
          kind: 'snooze',
          at: snoozedAt,
          day: dayOf(snoozedAt),
          until: nextDueDay as string,
        });
      }
    }

    const nextStep = Math.min(outDays.size + 1, CADENCE_STEPS + 1);
    const prospect: Prospect = {
      id,
      name: `${first} ${last}`,
      company,
      emails,
      linkedinIds,
      status,
      tags,
      createdAt,
      nextChannels: nextDueDay ? [weighted(CHANNEL_WEIGHTS)] : [],
      nextStep,
      totalSteps: CADENCE_STEPS,
      reason: nextDueDay
        ? nextStep > CADENCE_STEPS
          ? 'Nurture: about one touch a month.'
          : `Step ${nextStep} of the cadence.`
        : status === 'active'
          ? 'Nothing due.'
          : `Stopped: ${status}.`,
      touchCount: outDays.size,
      noCount,
    };
    if (nextDueDay) prospect.nextDueDay = nextDueDay;
    if (lastOutAt !== undefined) prospect.lastTouchAt = lastOutAt;
    if (lastAngleId) prospect.lastAngleId = lastAngleId;
    if (outbound === 0) prospect.touchCount = 0;
    prospects.push(prospect);
  }
  return { prospects, touches, outcomes };
}

/** How many prospects fall in each list, as the panel would count them. */
export function shapeOf(book: Book, today: LocalDay, upcomingThrough: LocalDay): BookShape {
  let overdue = 0;
  let dueToday = 0;
  let upcoming7 = 0;
  let later = 0;
  let notDue = 0;
  for (const prospect of book.prospects) {
    const day = prospect.nextDueDay;
    if (day === undefined) notDue += 1;
    else if (day < today) overdue += 1;
    else if (day === today) dueToday += 1;
    else if (day <= upcomingThrough) upcoming7 += 1;
    else later += 1;
  }
  return {
    prospects: book.prospects.length,
    touches: book.touches.length,
    outcomes: book.outcomes.length,
    overdue,
    today: dueToday,
    upcoming7,
    later,
    notDue,
  };
}
