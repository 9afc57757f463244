// parley export: Parley JSON (read back by import) and WordPress WXR 1.2.
export { jsonExportLines, toExported } from './json.ts';
export { wxrExportLines, cdata, wpDate, type WxrOptions } from './wxr.ts';
export { exportOrder, readAllComments, readJsonExport, readVotes, type JsonExport } from './read-all.ts';
export { PARLEY_FORMAT, PARLEY_VERSION, exportFileSchema, type ExportFile, type ExportedComment, type ExportedVote } from './parley-format.ts';
