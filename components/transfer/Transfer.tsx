// Import and export: leads as CSV (the file's encoding found, its columns mapped and fixable, a
// preview, each bad row's reason, a progress bar, and the skipped rows to download afterwards)
// and the full JSON backup. Nothing is written until the rep confirms, and a bad file writes
// nothing at all.
import { useState, type ChangeEvent } from 'react';
import { DATE_ORDER_LABELS, type DateOrder } from '../../lib/csv/dates';
import {
  decodeLeadFile,
  describeEncoding,
  ENCODING_LABELS,
  LEAD_FILE_ENCODINGS,
  LeadEncodingError,
  type DecodedLeadFile,
  type LeadFileEncoding,
} from '../../lib/csv/encoding';
import {
  checkLeadFile,
  checkLeadText,
  describeInvalidRow,
  emptyMapping,
  LEAD_FIELD_LABELS,
  LEAD_FIELDS,
  LeadFileError,
  leadsToCsv,
  MAX_IMPORT_BYTES,
  parseLeadsCsv,
  skippedRowsCsv,
  type ColumnMapping,
  type LeadField,
  type ParsedLeads,
  type SkippedRow,
} from '../../lib/csv/leads';
import { exportBackup, parseBackup, restoreBackup, type Backup } from '../../lib/db/backup';
import {
  IMPORT_STARTS_PER_DAY,
  importBook,
  planImport,
  type ImportPlan,
  type ImportResult,
} from '../../lib/db/import';
import { listAllProspects } from '../../lib/db/lists';
import { useEnv, useSaveFile, useToday } from '../env';
import { formatDay } from '../format';

const SHOWN_PROBLEMS = 20;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The file's bytes, read once; a file too large or empty is refused by its size, unread. */
async function readLeadBytes(file: File): Promise<Uint8Array> {
  const readable = file.size > 0 && file.size <= MAX_IMPORT_BYTES;
  const bytes = readable ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
  checkLeadFile(file.size, bytes.subarray(0, 8192));
  return bytes;
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

/** What the rep can change about how the file is read. */
interface ReadChoices {
  encoding?: LeadFileEncoding;
  mapping?: ColumnMapping;
  dateOrder?: DateOrder;
}

/** The file as read with the current choices: parsed and checked against the store, or only its header when it needs mapping. */
interface Analysis {
  fileName: string;
  bytes: Uint8Array;
  decoded: DecodedLeadFile;
  choices: ReadChoices;
  header: string[];
  mapping: ColumnMapping;
  parsed: ParsedLeads | null;
  plan: ImportPlan | null;
}

interface Done {
  fileName: string;
  header: string[];
  result: ImportResult;
  skipped: SkippedRow[];
}

function skippedOf(parsed: ParsedLeads, plan: ImportPlan): SkippedRow[] {
  return [
    ...parsed.invalid.map((row) => ({
      line: row.line,
      reason: row.column ? `column ${row.column}: ${row.reason}` : row.reason,
      cells: row.cells,
    })),
    ...plan.conflicts,
  ].sort((a, b) => a.line - b.line);
}

function LeadsImport() {
  const { db, now } = useEnv();
  const today = useToday();
  const saveFile = useSaveFile();
  const [analysis, setAnalysis] = useState<Analysis | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [perDay, setPerDay] = useState(IMPORT_STARTS_PER_DAY);
  const [done, setDone] = useState<Done | null>(null);

  async function analyse(fileName: string, bytes: Uint8Array, choices: ReadChoices) {
    let decoded: DecodedLeadFile;
    try {
      decoded = decodeLeadFile(bytes, choices.encoding);
      checkLeadText(decoded.text);
    } catch (failure) {
      if (failure instanceof LeadEncodingError && analysis) {
        setAnalysis({ ...analysis, choices });
      }
      throw failure;
    }
    try {
      const parsed = parseLeadsCsv(decoded.text, {
        mapping: choices.mapping,
        dateOrder: choices.dateOrder,
        today,
      });
      const plan = await planImport(db, parsed.leads);
      setAnalysis({
        fileName,
        bytes,
        decoded,
        choices,
        header: parsed.header,
        mapping: parsed.mapping,
        parsed,
        plan,
      });
    } catch (failure) {
      if (failure instanceof LeadFileError && failure.header) {
        setAnalysis({
          fileName,
          bytes,
          decoded,
          choices,
          header: failure.header,
          mapping: choices.mapping ?? emptyMapping(),
          parsed: null,
          plan: null,
        });
      } else {
        setAnalysis(null);
      }
      throw failure;
    }
  }

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    setAnalysis(null);
    setError(null);
    setDone(null);
    if (!file) return;
    try {
      await analyse(file.name, await readLeadBytes(file), {});
    } catch (failure) {
      setError(`${file.name}: ${messageOf(failure)} Nothing was imported.`);
    }
  }

  async function change(choices: ReadChoices) {
    if (!analysis) return;
    try {
      setError(null);
      await analyse(analysis.fileName, analysis.bytes, { ...analysis.choices, ...choices });
    } catch (failure) {
      setError(`${messageOf(failure)} Nothing was imported.`);
    }
  }

  function remap(field: LeadField, value: string) {
    if (!analysis) return;
    void change({
      mapping: { ...analysis.mapping, [field]: value === '' ? null : Number(value) },
    });
  }

  async function runImport() {
    const { parsed, plan } = analysis ?? {};
    if (!analysis || !parsed || !plan) return;
    const leads = plan.ready.map(({ lead }) => lead);
    setProgress({ done: 0, total: leads.length });
    try {
      const result = await importBook(
        db,
        leads,
        { now: now() },
        (count, total) => setProgress({ done: count, total }),
        { perDay },
      );
      setDone({
        fileName: analysis.fileName,
        header: analysis.header,
        result,
        skipped: skippedOf(parsed, plan),
      });
      setAnalysis(null);
    } catch (failure) {
      setError(`${messageOf(failure)}`);
    } finally {
      setProgress(null);
    }
  }

  const parsed = analysis?.parsed;
  const plan = analysis?.plan;
  const problems =
    parsed && plan
      ? [
          ...parsed.invalid.map(describeInvalidRow),
          ...plan.conflicts.map((conflict) => `Line ${conflict.line}: ${conflict.reason}`),
        ]
      : [];
  const sample = (index: number | null) =>
    index === null
      ? ''
      : (parsed?.leads[0]?.cells[index] ?? parsed?.invalid[0]?.cells[index] ?? '');
  const baseName = (fileName: string) => fileName.replace(/\.[^.]*$/, '') || 'leads';

  return (
    <fieldset>
      <legend>Import leads from CSV</legend>
      <p className="muted">
        A CSV (or Excel &quot;Unicode text&quot;) export from HubSpot, Salesforce, Pipedrive or a
        spreadsheet: one lead a row, with an email address or a LinkedIn profile.
      </p>
      <label>
        CSV file (up to 20 MB)
        <input
          type="file"
          accept=".csv,.tsv,.txt,text/csv,text/plain,text/tab-separated-values"
          onChange={(event) => void onFile(event)}
        />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {done && (
        <ImportDone
          done={done}
          onDownload={() =>
            saveFile(
              `${baseName(done.fileName)}-skipped-rows.csv`,
              skippedRowsCsv(done.header, done.skipped),
              'text/csv',
            )
          }
        />
      )}
      {analysis && (
        <>
          <p className={analysis.decoded.evidence === 'not-utf8' ? 'notice' : 'muted'}>
            {describeEncoding(analysis.decoded)}
          </p>
          <label>
            File encoding
            <select
              value={analysis.choices.encoding ?? ''}
              onChange={(event) =>
                void change({
                  encoding: (event.target.value || undefined) as LeadFileEncoding | undefined,
                })
              }
            >
              <option value="">
                Found by Fifth Touch ({ENCODING_LABELS[analysis.decoded.encoding]})
              </option>
              {LEAD_FILE_ENCODINGS.map((encoding) => (
                <option key={encoding} value={encoding}>
                  {ENCODING_LABELS[encoding]}
                </option>
              ))}
            </select>
          </label>
          <div className="stack" role="group" aria-label="Column mapping">
            <p className="muted">
              Fifth Touch guessed which column holds what; fix any guess below. The name is one
              column, or First name + Last name when Name is (none).
            </p>
            {LEAD_FIELDS.map((field) => {
              const example = sample(analysis.mapping[field]).slice(0, 60);
              return (
                <div key={field}>
                  <label>
                    {LEAD_FIELD_LABELS[field]} column
                    <select
                      value={analysis.mapping[field] ?? ''}
                      onChange={(event) => remap(field, event.target.value)}
                    >
                      <option value="">(none)</option>
                      {analysis.header.map((title, index) => (
                        <option key={index} value={index}>
                          {title || `Column ${index + 1}`}
                        </option>
                      ))}
                    </select>
                  </label>
                  {example && <span className="muted"> e.g. {example}</span>}
                </div>
              );
            })}
          </div>
          {parsed?.dateOrder?.numeric && (
            <label>
              Dates in the Last contacted column are written
              <select
                value={parsed.dateOrder.order}
                onChange={(event) => void change({ dateOrder: event.target.value as DateOrder })}
              >
                {(Object.keys(DATE_ORDER_LABELS) as DateOrder[]).map((order) => (
                  <option key={order} value={order}>
                    {DATE_ORDER_LABELS[order]}
                  </option>
                ))}
              </select>
              {!parsed.dateOrder.certain && !analysis.choices.dateOrder && (
                <span className="muted"> (every date reads both ways: please check)</span>
              )}
            </label>
          )}
        </>
      )}
      {analysis && parsed && plan && (
        <>
          <label>
            New leads a business day
            <input
              type="number"
              min={1}
              max={500}
              value={perDay}
              onChange={(event) =>
                setPerDay(Math.min(500, Math.max(1, Math.trunc(Number(event.target.value)) || 1)))
              }
            />
          </label>
          <p className="muted" id="spread-rule">
            {analysis.mapping.lastContacted !== null
              ? 'A lead with a last-contacted date resumes its cadence from that day. '
              : ''}
            Leads with nothing to resume from, and any whose next touch is already past, are not all
            due at once: they start at most {perDay} a business day from today, longest waiting
            first, then in the order of the file.
          </p>
          <table aria-label="Preview">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Company</th>
                <th scope="col">Email / LinkedIn</th>
                <th scope="col">Last contacted</th>
              </tr>
            </thead>
            <tbody>
              {plan.ready.slice(0, 5).map(({ line, lead }) => (
                <tr key={line}>
                  <td>{lead.name}</td>
                  <td>{lead.company}</td>
                  <td>{[...lead.emails, ...lead.linkedinIds].join(', ')}</td>
                  <td>{lead.lastContacted ? formatDay(lead.lastContacted) : '—'}</td>
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
              disabled={plan.ready.length === 0}
              onClick={() => void runImport()}
            >
              Import {plan.ready.length} leads
            </button>
          )}
        </>
      )}
    </fieldset>
  );
}

/** What the import did: how many landed, how they start, and the skipped rows to download. */
function ImportDone({ done, onDownload }: { done: Done; onDownload: () => void }) {
  const { result, skipped } = done;
  const { spread } = result;
  return (
    <div role="status" className="stack">
      <p>Imported {result.prospectIds.length} leads.</p>
      {result.resumed > 0 && (
        <p>{result.resumed} resume their cadence from their last-contacted day.</p>
      )}
      {spread && (
        <p>
          {spread.count} start at most {spread.perDay} a business day:{' '}
          {spread.first === spread.last
            ? formatDay(spread.first)
            : `${formatDay(spread.first)} to ${formatDay(spread.last)}`}
          .
        </p>
      )}
      {skipped.length > 0 ? (
        <>
          <p>
            {skipped.length} {skipped.length === 1 ? 'row was' : 'rows were'} skipped.
          </p>
          <button type="button" onClick={onDownload}>
            Download the {skipped.length} skipped {skipped.length === 1 ? 'row' : 'rows'} (CSV, with
            the reason for each)
          </button>
        </>
      ) : (
        <p>No row was skipped.</p>
      )}
    </div>
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
