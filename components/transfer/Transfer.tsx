// Import and export: leads as CSV (with column mapping, a preview, each bad row's reason and a
// progress bar) and the full JSON backup. Nothing is written until the rep confirms, and a bad
// file writes nothing at all.
import { useState, type ChangeEvent } from 'react';
import {
  checkLeadFile,
  describeInvalidRow,
  LEAD_FIELD_LABELS,
  LEAD_FIELDS,
  LeadFileError,
  leadsToCsv,
  parseLeadsCsv,
  type ColumnMapping,
  type LeadField,
  type ParsedLeads,
} from '../../lib/csv/leads';
import { exportBackup, parseBackup, restoreBackup, type Backup } from '../../lib/db/backup';
import { importBook, planImport, type ImportPlan } from '../../lib/db/import';
import { listAllProspects } from '../../lib/db/lists';
import { useEnv, useSaveFile, useToday } from '../env';

const SHOWN_PROBLEMS = 20;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function readTextFile(file: File): Promise<string> {
  const head = new Uint8Array(await file.slice(0, 8192).arrayBuffer());
  checkLeadFile(file.size, head);
  return file.text();
}

export default function Transfer() {
  return (
    <section aria-labelledby="transfer-title">
      <h2 id="transfer-title">Import and export</h2>
      <LeadsExport />
      <LeadsImport />
      <BackupSection />
    </section>
  );
}

function LeadsExport() {
  const { db } = useEnv();
  const today = useToday();
  const saveFile = useSaveFile();
  return (
    <fieldset>
      <legend>Export leads</legend>
      <button
        type="button"
        onClick={() =>
          void listAllProspects(db).then((prospects) =>
            saveFile(`fifth-touch-leads-${today}.csv`, leadsToCsv(prospects), 'text/csv'),
          )
        }
      >
        Export leads as CSV
      </button>
    </fieldset>
  );
}

interface ImportState {
  text: string;
  parsed: ParsedLeads;
  plan: ImportPlan;
}

/** A file whose columns were not recognised: the rep maps them before anything is parsed. */
interface Unmapped {
  text: string;
  header: string[];
  mapping: ColumnMapping;
}

const noMapping = (): ColumnMapping =>
  Object.fromEntries(LEAD_FIELDS.map((field) => [field, null])) as ColumnMapping;

function LeadsImport() {
  const { db, now } = useEnv();
  const [state, setState] = useState<ImportState | null>(null);
  const [unmapped, setUnmapped] = useState<Unmapped | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<string | null>(null);

  async function analyse(text: string, mapping?: ColumnMapping) {
    try {
      const parsed = parseLeadsCsv(text, mapping);
      const plan = await planImport(db, parsed.leads);
      setUnmapped(null);
      setState({ text, parsed, plan });
    } catch (failure) {
      if (failure instanceof LeadFileError && failure.header) {
        setState(null);
        setUnmapped({ text, header: failure.header, mapping: mapping ?? noMapping() });
      }
      throw failure;
    }
  }

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    setState(null);
    setUnmapped(null);
    setError(null);
    setResult(null);
    if (!file) return;
    try {
      await analyse(await readTextFile(file));
    } catch (failure) {
      setError(`${file.name}: ${messageOf(failure)} Nothing was imported.`);
    }
  }

  async function remap(field: LeadField, value: string) {
    const source = state
      ? { text: state.text, mapping: state.parsed.mapping }
      : unmapped
        ? { text: unmapped.text, mapping: unmapped.mapping }
        : null;
    if (!source) return;
    try {
      setError(null);
      await analyse(source.text, {
        ...source.mapping,
        [field]: value === '' ? null : Number(value),
      });
    } catch (failure) {
      setError(`${messageOf(failure)} Nothing was imported.`);
    }
  }

  async function runImport() {
    if (!state) return;
    const leads = state.plan.ready.map(({ lead }) => lead);
    setProgress({ done: 0, total: leads.length });
    try {
      const { prospectIds } = await importBook(db, leads, { now: now() }, (done, total) =>
        setProgress({ done, total }),
      );
      setResult(`Imported ${prospectIds.length} leads.`);
      setState(null);
    } catch (failure) {
      setError(`${messageOf(failure)}`);
    } finally {
      setProgress(null);
    }
  }

  const problems = state
    ? [
        ...state.parsed.invalid.map(describeInvalidRow),
        ...state.plan.conflicts.map((conflict) => `Line ${conflict.line}: ${conflict.reason}`),
      ]
    : [];

  return (
    <fieldset>
      <legend>Import leads from CSV</legend>
      <label>
        CSV file (up to 20 MB)
        <input type="file" accept=".csv,text/csv" onChange={(event) => void onFile(event)} />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {result && <p role="status">{result}</p>}
      {(state || unmapped) && (
        <div className="stack" role="group" aria-label="Column mapping">
          {LEAD_FIELDS.map((field) => (
            <label key={field}>
              {LEAD_FIELD_LABELS[field]} column
              <select
                value={(state?.parsed.mapping ?? unmapped?.mapping)?.[field] ?? ''}
                onChange={(event) => void remap(field, event.target.value)}
              >
                <option value="">(none)</option>
                {(state?.parsed.header ?? unmapped?.header ?? []).map((title, index) => (
                  <option key={index} value={index}>
                    {title || `Column ${index + 1}`}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </div>
      )}
      {state && (
        <>
          <table aria-label="Preview">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Company</th>
                <th scope="col">Email / LinkedIn</th>
              </tr>
            </thead>
            <tbody>
              {state.plan.ready.slice(0, 5).map(({ line, lead }) => (
                <tr key={line}>
                  <td>{lead.name}</td>
                  <td>{lead.company}</td>
                  <td>{[...lead.emails, ...lead.linkedinIds].join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {problems.length > 0 && (
            <div>
              <p>{problems.length} rows will not be imported:</p>
              <ul aria-label="Rows not imported" className="plain-list">
                {problems.slice(0, SHOWN_PROBLEMS).map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
              {problems.length > SHOWN_PROBLEMS && (
                <p className="muted">…and {problems.length - SHOWN_PROBLEMS} more.</p>
              )}
            </div>
          )}
          {progress ? (
            <progress
              aria-label="Import progress"
              value={progress.done}
              max={Math.max(1, progress.total)}
            />
          ) : (
            <button
              type="button"
              disabled={state.plan.ready.length === 0}
              onClick={() => void runImport()}
            >
              Import {state.plan.ready.length} leads
            </button>
          )}
        </>
      )}
    </fieldset>
  );
}

function BackupSection() {
  const { db, now } = useEnv();
  const today = useToday();
  const saveFile = useSaveFile();
  const [pending, setPending] = useState<Backup | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(null);

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    setPending(null);
    setError(null);
    setResult(null);
    if (!file) return;
    try {
      const head = new Uint8Array(await file.slice(0, 8192).arrayBuffer());
      checkLeadFile(file.size, head);
      setPending(parseBackup(await file.text()));
    } catch (failure) {
      setError(`${file.name}: ${messageOf(failure)} Nothing was changed.`);
    }
  }

  async function restore() {
    if (!pending) return;
    try {
      await restoreBackup(db, pending);
      setResult(`Restored ${pending.prospects.length} prospects.`);
      setPending(null);
    } catch (failure) {
      setError(`${messageOf(failure)} Nothing was changed.`);
    }
  }

  return (
    <fieldset>
      <legend>Full backup</legend>
      <button
        type="button"
        onClick={() =>
          void exportBackup(db, { now: now() }).then((backup) =>
            saveFile(
              `fifth-touch-backup-${today}.json`,
              JSON.stringify(backup),
              'application/json',
            ),
          )
        }
      >
        Export backup (JSON)
      </button>
      <label>
        Restore from a backup file
        <input
          type="file"
          accept=".json,application/json"
          onChange={(event) => void onFile(event)}
        />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {result && <p role="status">{result}</p>}
      {pending && (
        <div role="group" aria-label="Confirm restore">
          <p>
            Replace everything with this backup: {pending.prospects.length} prospects,{' '}
            {pending.touches.length} touches, {pending.outcomes.length} outcomes?
          </p>
          <button type="button" onClick={() => void restore()}>
            Replace with backup
          </button>
          <button type="button" onClick={() => setPending(null)}>
            Cancel
          </button>
        </div>
      )}
    </fieldset>
  );
}
