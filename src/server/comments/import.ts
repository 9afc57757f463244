// Importing an export (`parley import FILE`): the file read and checked whole (import/), each
// comment planned (cleaned, its thread through the aliases, its id and key from the source's ids,
// its avatar from the server secret; import/plan.ts), the file's aliases checked against the store,
// then every comment written in one insertMany (one transaction: all or nothing) and the aliases
// set. Nothing is written before the last byte has been checked; importing again adds nothing;
// imports notify nobody (notifications.ts).
import type { UseCaseDeps } from '../deps.ts';
import { readExportFile, type ImportSummary, type ReadOptions } from '../import/import-file.ts';
import { planImport } from '../import/plan.ts';
import { ImportError } from '../import/types.ts';

export interface ImportInput extends ReadOptions {
  file: string;
  /** Read, check and count, but write nothing. */
  dryRun?: boolean;
}

/**
 * @example
 * const summary = await importComments({ store, secret: async () => secret }, { file: 'wordpress.xml' });
 * console.log(formatSummary(summary).join('\n'));
 */
export async function importComments(deps: Pick<UseCaseDeps, 'store' | 'secret'>, options: ImportInput): Promise<ImportSummary> {
  const { store } = deps;
  const { file } = options;
  const parsed = await readExportFile(file, options);
  const read = parsed.comments.length + parsed.skipped.length;
  const plan = await planImport(parsed, { secret: await deps.secret(), resolveThreads: (t) => store.aliases.resolve(t), get: (id) => store.comments.get(id), pinned: (thread) => store.threads.listPinned(thread) });
  const summary: ImportSummary = {
    file,
    label: parsed.label,
    read,
    byStatus: plan.byStatus,
    threads: plan.threads,
    votes: plan.votes,
    skipped: parsed.skipped,
    orphans: plan.orphans,
    notes: parsed.notes,
    aliases: 0,
    dryRun: Boolean(options.dryRun),
  };
  // The aliases are checked before anything is written: one that setAlias refuses after the
  // comments went in would leave the import half done (found by review).
  if (parsed.aliases.length) {
    const targets = await store.aliases.resolve(parsed.aliases.map((a) => a.to));
    const fromFile = new Set(parsed.aliases.map((a) => a.from));
    for (const { from, to } of parsed.aliases) {
      if (from === to) throw new ImportError(`The file makes "${from}" an alias of itself. Nothing was imported; remove that alias from the file.`);
      if (fromFile.has(to)) throw new ImportError(`The file makes "${from}" an alias of "${to}", which the file makes an alias too. Nothing was imported; point "${from}" at the thread "${to}" stands for.`);
      if (targets[to] !== to) {
        throw new ImportError(`The file makes "${from}" an alias of "${to}", but in this database "${to}" is itself an alias of "${targets[to]}". Nothing was imported; change the file's alias to "${targets[to]}".`);
      }
    }
  }
  if (options.dryRun) return summary;
  const { created, existing } = plan.rows.length ? await store.comments.insertMany(plan.rows) : { created: 0, existing: 0 };
  summary.created = created;
  summary.existing = existing;
  // Aliases after the comments: they name threads, and setAlias moves whatever is already stored.
  if (parsed.aliases.length) {
    const now = await store.aliases.resolve(parsed.aliases.map((a) => a.from));
    for (const alias of parsed.aliases) {
      if (now[alias.from] === alias.to) continue;
      await store.aliases.set(alias.from, alias.to);
      summary.aliases++;
    }
  }
  return summary;
}
