// Which column of a lead file holds what. CRM exports name their columns their own way (HubSpot's
// "First Name" and "Company Name", Salesforce's "Account Name" and "Last Activity", Pipedrive's
// "Person - Email - Work"), so each field is recognised by the usual names, best first, and the
// rep fixes whatever was guessed wrong.

export const LEAD_FIELDS = [
  'name',
  'firstName',
  'lastName',
  'company',
  'emails',
  'linkedinIds',
  'phone',
  'title',
  'twitter',
  'tags',
  'lastContacted',
] as const;
export type LeadField = (typeof LEAD_FIELDS)[number];

export const LEAD_FIELD_LABELS: Record<LeadField, string> = {
  name: 'Name',
  firstName: 'First name',
  lastName: 'Last name',
  company: 'Company',
  emails: 'Email',
  linkedinIds: 'LinkedIn',
  phone: 'Phone',
  title: 'Title',
  twitter: 'Twitter/X',
  tags: 'Tags',
  lastContacted: 'Last contacted',
};

/**
 * Header names each field is recognised by, best first (lower case, letters and digits only).
 * "Last Contacted" beats "Last Activity Date" when a file has both, as HubSpot's does.
 */
const HEADER_ALIASES: Record<LeadField, string[]> = {
  name: [
    'name',
    'fullname',
    'contactname',
    'personname',
    'leadname',
    'displayname',
    'contact',
    'prospect',
  ],
  firstName: ['firstname', 'first', 'givenname', 'forename', 'fname'],
  lastName: ['lastname', 'last', 'surname', 'familyname', 'lname'],
  company: [
    'company',
    'companyname',
    'account',
    'accountname',
    'organization',
    'organisation',
    'organizationname',
    'organisationname',
    'associatedcompany',
    'employer',
    'business',
    'businessname',
    'org',
  ],
  emails: [
    'email',
    'emails',
    'emailaddress',
    'emailaddresses',
    'workemail',
    'emailwork',
    'businessemail',
    'primaryemail',
    'mail',
  ],
  linkedinIds: [
    'linkedin',
    'linkedinurl',
    'linkedinprofile',
    'linkedinprofileurl',
    'linkedinid',
    'linkedinids',
    'profileurl',
  ],
  phone: [
    'phone',
    'phonenumber',
    'workphone',
    'phonework',
    'businessphone',
    'directphone',
    'telephone',
    'tel',
    'mobile',
    'mobilephone',
    'mobilephonenumber',
    'phonemobile',
    'workdirectphone',
    'directdial',
    'officephone',
    'corporatephone',
    'homephone',
  ],
  title: [
    'title',
    'jobtitle',
    'position',
    'role',
    'jobrole',
    'designation',
    'organizationtitle',
    'organisationtitle',
  ],
  twitter: [
    'twitter',
    'twitterx',
    'xtwitter',
    'twitterhandle',
    'twitterusername',
    'twitterprofile',
    'twitterurl',
    'xhandle',
    'x',
  ],
  tags: ['tags', 'tag', 'labels', 'label', 'lists', 'list'],
  lastContacted: [
    'lastcontacted',
    'lastcontacteddate',
    'lastcontact',
    'lastcontactdate',
    'lasttouch',
    'lasttouched',
    'lastcontactedon',
    'lastcontactedat',
    'lastcontacttime',
    'lastemailed',
    'lastemaildate',
    'lastactivity',
    'lastactivitydate',
    'lastactivitytime',
    'lastactivityon',
    'lastactivityat',
    'lastengagementdate',
  ],
};

/** Words a CRM puts before a column's own name ("Person - Email", "Contact: Phone"). */
const PREFIXES = ['person', 'contact', 'lead'];

export type ColumnMapping = Record<LeadField, number | null>;

export function emptyMapping(): ColumnMapping {
  return Object.fromEntries(LEAD_FIELDS.map((field) => [field, null])) as ColumnMapping;
}

function compact(header: string): string {
  return header
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/**
 * The ways a header may be read: as written; without the numbers and the "Value" of numbered
 * columns ("E-mail 1 - Value", "Organization 1 - Name" in a contacts export); each without a CRM's
 * prefix.
 */
function readings(header: string): string[] {
  const key = compact(header);
  const unnumbered = key.replace(/[0-9]+/g, '').replace(/(.)value$/, '$1');
  const out = unnumbered && unnumbered !== key ? [key, unnumbered] : [key];
  for (const reading of [...out]) {
    for (const prefix of PREFIXES) {
      if (reading.startsWith(prefix) && reading.length > prefix.length) {
        out.push(reading.slice(prefix.length));
      }
    }
  }
  return out;
}

/**
 * The column each field most likely comes from, by header name: each field takes its best-ranked
 * name that a still unused column carries, so one column never feeds two fields.
 */
export function guessMapping(header: string[]): ColumnMapping {
  const mapping = emptyMapping();
  const keys = header.map(readings);
  const used = new Set<number>();
  for (const field of LEAD_FIELDS) {
    for (const alias of HEADER_ALIASES[field]) {
      const index = keys.findIndex((names, at) => !used.has(at) && names.includes(alias));
      if (index !== -1) {
        mapping[field] = index;
        used.add(index);
        break;
      }
    }
  }
  return mapping;
}
