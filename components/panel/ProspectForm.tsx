// Add a prospect by hand or edit one: name, company, addresses, LinkedIn profiles, tags.
import { useState, type FormEvent } from 'react';
import type { Prospect } from '../../lib/model';

export interface ProspectFormValues {
  name: string;
  company: string;
  emails: string[];
  linkedinIds: string[];
  tags: string[];
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
  const title = prospect ? `Edit ${prospect.name}` : 'Add a prospect';

  async function submit(event: FormEvent) {
    event.preventDefault();
    const saved = await onSave({
      name: name.trim(),
      company: company.trim(),
      emails: splitList(emails),
      linkedinIds: splitList(linkedinIds),
      tags: splitList(tags),
    });
    if (saved) onCancel();
  }

  return (
    <section role="dialog" aria-label={title} className="dialog">
      <h2>{title}</h2>
      <form className="stack" onSubmit={(event) => void submit(event)}>
        <label>
          Name
          <input value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
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
