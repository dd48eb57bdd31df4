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

  test("Zoho CRM's contacts export", () => {
    expect(
      named([
        'Record Id',
        'Contact Owner',
        'First Name',
        'Last Name',
        'Account Name',
        'Email',
        'Title',
        'Phone',
        'Mobile',
        'Last Activity Time',
        'Tag',
      ]),
    ).toEqual({
      firstName: 'First Name',
      lastName: 'Last Name',
      company: 'Account Name',
      emails: 'Email',
      title: 'Title',
      phone: 'Phone',
      lastContacted: 'Last Activity Time',
      tags: 'Tag',
    });
  });

  test("a contacts app's export: numbered columns with a Value each", () => {
    expect(
      named([
        'First Name',
        'Middle Name',
        'Last Name',
        'Nickname',
        'Organization Name',
        'Organization Title',
        'E-mail 1 - Label',
        'E-mail 1 - Value',
        'E-mail 2 - Value',
        'Phone 1 - Label',
        'Phone 1 - Value',
      ]),
    ).toEqual({
      firstName: 'First Name',
      lastName: 'Last Name',
      company: 'Organization Name',
      title: 'Organization Title',
      emails: 'E-mail 1 - Value',
      phone: 'Phone 1 - Value',
    });
  });

  test("a prospecting tool's export: the person's LinkedIn, never the company's", () => {
    expect(
      named([
        'First Name',
        'Last Name',
        'Title',
        'Company',
        'Email',
        'Work Direct Phone',
        'Company Linkedin Url',
        'Person Linkedin Url',
        'Last Contacted',
      ]),
    ).toEqual({
      firstName: 'First Name',
      lastName: 'Last Name',
      title: 'Title',
      company: 'Company',
      emails: 'Email',
      phone: 'Work Direct Phone',
      linkedinIds: 'Person Linkedin Url',
      lastContacted: 'Last Contacted',
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
