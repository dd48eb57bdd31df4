// What the benchmarks run inside an extension page or the worker: the product's own lib/ code,
// bundled as `FifthTouchBench` (see bundle.ts), so a measured read is the read the panel makes and
// a book is loaded by the extension's own restore.
export { createFifthTouchDb, CURRENT_VERSION } from '../../../lib/db/schema';
export { countSections, listSection, PAGE_SIZE, UPCOMING_DAYS } from '../../../lib/db/lists';
export { countDue, countOverdue } from '../../../lib/db/queries';
export { BACKUP_FORMAT, parseBackup, restoreBackup } from '../../../lib/db/backup';
export { parseLeadsCsv } from '../../../lib/csv/leads';
export { planImport, importBook } from '../../../lib/db/import';
