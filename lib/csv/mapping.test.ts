import { describe, expect, test } from 'vitest';
import { guessMapping, LEAD_FIELDS, type ColumnMapping, type LeadField } from './mapping';

/** The guessed mapping as field → header name, leaving out fields mapped to nothing. */
function named(header: string[]): Partial<Record<LeadField, string>> {
  const mapping: ColumnMapping = guessMapping(header);
  return Object.fromEntries(
    LEAD_FIELDS.filter((field) => mapping[field] !== null).map((field) => [
      field,
      header[mapping[field]!],
    ]),
  );
}

describe('guessing which column holds what', () => {
  test("HubSpot's contact export", () => {
    expect(
      named([
        'Record ID',
        'First Name',
        'Last Name',
        'Email',
        'Phone Number',
        'Job Title',
        'Company Name',
        'Last Activity Date',
        'Last Contacted',
        'Twitter Username',
        'LinkedIn URL',
        'Contact owner',
      ]),
    ).toEqual({
      firstName: 'First Name',
      lastName: 'Last Name',
      emails: 'Email',
      phone: 'Phone Number',
      title: 'Job Title',
      company: 'Company Name',
      // HubSpot has both: the day of the last contact beats the day of any activity.
      lastContacted: 'Last Contacted',
      twitter: 'Twitter Username',
      linkedinIds: 'LinkedIn URL',
    });
  });

  test("Salesforce's contact report", () => {
    expect(
      named([
        'Salutation',
        'First Name',
        'Last Name',
        'Title',
        'Account Name',
        'Phone',
        'Mobile',
        'Email',
        'Last Activity',
        'Lead Source',
      ]),
    ).toEqual({
      firstName: 'First Name',
      lastName: 'Last Name',
      title: 'Title',
      company: 'Account Name',
      phone: 'Phone',
      emails: 'Email',
      lastContacted: 'Last Activity',
    });
  });

  test("Pipedrive's people export, prefixes and all", () => {
    expect(
      named([
        'Person - Name',
        'Person - First name',
        'Person - Last name',
        'Person - Organization',
        'Person - Email - Work',
        'Person - Phone - Work',
        'Person - Labels',
        'Person - Last activity date',
      ]),
    ).toEqual({
      name: 'Person - Name',
      firstName: 'Person - First name',
      lastName: 'Person - Last name',
      company: 'Person - Organization',
      emails: 'Person - Email - Work',
      phone: 'Person - Phone - Work',
      tags: 'Person - Labels',
      lastContacted: 'Person - Last activity date',
    });
  });

  test('one column never feeds two fields, and unknown columns feed none', () => {
    const mapping = guessMapping(['E-mail', 'Email', 'Notes', 'Twitter/X', 'Full name']);
    expect(mapping.emails).toBe(0);
    expect(mapping.twitter).toBe(3);
    expect(mapping.name).toBe(4);
    expect(Object.values(mapping).filter((index) => index === 1)).toEqual([]);
    expect(Object.values(mapping).filter((index) => index === 2)).toEqual([]);
  });
});
