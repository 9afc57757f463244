// parley import: the readers (WXR, Disqus, Parley JSON), the planner and the summary.
export { formatSummary, readExportFile, type ImportSummary } from './import-file.ts';
export { importComments, type ImportInput } from '../comments/import.ts';
export { planImport, importedId, type Plan } from './plan.ts';
export { htmlToText } from './html-to-text.ts';
export { cleanFields } from './clean.ts';
export { ImportError, FORMAT_NAMES, type ParsedFile, type SourceComment } from './types.ts';
