// Add a prospect by hand or edit one: name, company, addresses, LinkedIn profiles, tags, and the
// phone, title and Twitter/X handle the cadence's call and Twitter steps need. Takes focus when it
// opens; Escape cancels.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Prospect } from '../../lib/model';

export interface ProspectFormValues {
  name: string;
  company: string;
  emails: string[];
  linkedinIds: string[];
  tags: string[];
  phone: string;
  title: string;
  twitter: string;
}

const splitList = (value: string) =>
  value
    .split(/[\n,;]+/)
    .map((item) => item.trim())
    .filter(Boolean);

export function ProspectForm({
  prospect,
  onSave,
  onCancel,
}: {
  prospect?: Prospect;
  onSave: (values: ProspectFormValues) => Promise<boolean>;
  onCancel: () => void;
}) {
  const [name, setName] = useState(prospect?.name ?? '');
  const [company, setCompany] = useState(prospect?.company ?? '');
  const [emails, setEmails] = useState(prospect?.emails.join(', ') ?? '');
  const [linkedinIds, setLinkedinIds] = useState(prospect?.linkedinIds.join(', ') ?? '');
  const [tags, setTags] = useState(prospect?.tags.join(', ') ?? '');
  const [phone, setPhone] = useState(prospect?.phone ?? '');
  const [jobTitle, setJobTitle] = useState(prospect?.title ?? '');
  const [twitter, setTwitter] = useState(prospect?.twitter ? `@${prospect.twitter}` : '');
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const title = prospect ? `Edit ${prospect.name}` : 'Add a prospect';

  async function submit(event: FormEvent) {
    event.preventDefault();
    const saved = await onSave({
      name: name.trim(),
      company: company.trim(),
      emails: splitList(emails),
      linkedinIds: splitList(linkedinIds),
      tags: splitList(tags),
      phone: phone.trim(),
      title: jobTitle.trim(),
      twitter: twitter.trim(),
    });
    if (saved) onCancel();
  }

  return (
    <section
      role="dialog"
      aria-label={title}
      className="dialog"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <h2>{title}</h2>
      <form className="stack" onSubmit={(event) => void submit(event)}>
        <label>
          Name
          <input
            ref={first}
            value={name}
            maxLength={200}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <label>
          Company
          <input value={company} maxLength={200} onChange={(e) => setCompany(e.target.value)} />
        </label>
        <label>
          Email addresses
          <input value={emails} onChange={(e) => setEmails(e.target.value)} />
        </label>
        <label>
          LinkedIn profiles
          <input
            value={linkedinIds}
            placeholder="https://www.linkedin.com/in/…"
            onChange={(e) => setLinkedinIds(e.target.value)}
          />
        </label>
        <label>
          Title
          <input
            value={jobTitle}
            maxLength={200}
            placeholder="Head of Sales"
            onChange={(e) => setJobTitle(e.target.value)}
          />
        </label>
        <label>
          Phone
          <input
            type="tel"
            value={phone}
            maxLength={40}
            placeholder="+1 555 010 2030"
            onChange={(e) => setPhone(e.target.value)}
          />
        </label>
        <label>
          Twitter/X
          <input
            value={twitter}
            maxLength={200}
            placeholder="@handle or https://x.com/handle"
            onChange={(e) => setTwitter(e.target.value)}
          />
        </label>
        <label>
          Tags
          <input value={tags} onChange={(e) => setTags(e.target.value)} />
        </label>
        <div className="row-actions">
          <button type="submit">{prospect ? 'Save' : 'Add'}</button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
