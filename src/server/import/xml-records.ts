// A streaming read of an export file with a strict XML parser (saxes): the file is never held
// whole, and the first error stops the import with the line and column where it is, so a broken
// file is refused before anything is written. Readers see small element trees ("records": one
// WXR <item>, one Disqus <post>) and never the big ones they do not need (post bodies).
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { ImportError, XmlSyntaxError } from './types.ts';

export interface XmlElement {
  local: string;
  uri: string;
  attributes: { local: string; uri: string; value: string }[];
  children: XmlElement[];
  text: string;
  line: number;
}

/** The root element, for telling the formats apart: name, namespace and the namespaces it declares. */
export interface XmlRoot {
  local: string;
  uri: string;
  namespaces: Record<string, string>;
  line: number;
}

export interface RecordHandler {
  /** Whether the element opening at `depth` (the root is 1) is a record to build and hand over. */
  isRecord(local: string, uri: string, depth: number): boolean;
  /** Whether to keep an element's text (false for post bodies nobody reads). */
  keepText?(local: string, uri: string): boolean;
  record(element: XmlElement): void;
  /** The whole file was read without an error (for cross-references resolved at the end). */
  end?(): void;
}

/** The child elements named `local` (any namespace unless `uri` is given). */
export const children = (el: XmlElement, local: string, uri?: string) => el.children.filter((c) => c.local === local && (uri === undefined || c.uri === uri));
/** The first such child's text, or undefined when there is none. */
export const childText = (el: XmlElement, local: string, uri?: string): string | undefined => children(el, local, uri)[0]?.text;
export const attribute = (el: XmlElement, local: string): string | undefined => el.attributes.find((a) => a.local === local)?.value;

/**
 * Parse XML from `chunks`; `onRoot` picks the handler once the root element is known (or throws an
 * ImportError saying what the file is instead).
 */
export async function readXmlRecords(chunks: AsyncIterable<string>, onRoot: (root: XmlRoot) => RecordHandler): Promise<void> {
  const parser = new SaxesParser({ xmlns: true, position: true });
  let handler: RecordHandler | undefined;
  // One entry per open element: the element being built inside a record, else null.
  const stack: (XmlElement | null)[] = [];
  let failure: Error | undefined;
  const fail = (error: Error) => {
    failure ??= error;
  };

  parser.on('xmldecl', (decl) => {
    if (decl.encoding && !/^utf-?8$/i.test(decl.encoding)) {
      fail(new ImportError(`The file says it is encoded as ${decl.encoding}; Parley reads UTF-8 exports. Convert it first, e.g. iconv -f ${decl.encoding} -t UTF-8 FILE > FILE.utf8.xml (and change encoding="${decl.encoding}" to "UTF-8").`));
    }
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const depth = stack.length + 1;
    if (depth === 1) {
      try {
        handler = onRoot({ local: tag.local, uri: tag.uri, namespaces: { ...tag.ns }, line: parser.line });
      } catch (error) {
        fail(error as Error);
      }
    }
    const parent = stack.at(-1) ?? null;
    let el: XmlElement | null = null;
    if (parent || (handler && depth > 1 && handler.isRecord(tag.local, tag.uri, depth))) {
      el = {
        local: tag.local,
        uri: tag.uri,
        attributes: Object.values(tag.attributes).map((a) => ({ local: a.local, uri: a.uri, value: a.value })),
        children: [],
        text: '',
        line: parser.line,
      };
      parent?.children.push(el);
    }
    stack.push(el);
  });
  const text = (value: string) => {
    const el = stack.at(-1);
    if (el && (handler?.keepText?.(el.local, el.uri) ?? true)) el.text += value;
  };
  parser.on('text', text);
  parser.on('cdata', text);
  parser.on('closetag', () => {
    const el = stack.pop();
    // A record is complete when its element closes and nothing above it is being built.
    if (el && !stack.at(-1) && handler && !failure) {
      try {
        handler.record(el);
      } catch (error) {
        fail(error as Error);
      }
    }
  });
  parser.on('error', (error) => {
    fail(new XmlSyntaxError(parser.line, parser.column, error.message.replace(/^\d+:\d+: /, '')));
  });

  let first = true;
  for await (let chunk of chunks) {
    if (first) chunk = chunk.replace(/^\uFEFF/, '');
    first = false;
    parser.write(chunk);
    if (failure) throw failure;
  }
  parser.close();
  if (failure) throw failure;
  if (!handler) throw new ImportError('The file has no XML root element: it is empty or not an export.');
  handler.end?.();
}
