// Text into HTML for the server-rendered thread (issue 18). Every value a comment, a reader or a
// query brings goes through `esc`: the page keeps DESIGN promise 3 (safe text) as the widget does,
// where the DOM makes text nodes; here the five characters that could start markup or end an
// attribute value are written as references.

import { escapeHtml } from '../../core/format/html.ts';

/** Text or an attribute value (always double-quoted by the callers), as HTML (core/format's escape, one for both). */
export const esc = (value: string | number): string => escapeHtml(String(value));

/** Only an http(s) URL becomes a link target; anything else (javascript:, data:) is no link at all. */
export const isWebUrl = (url: string | null | undefined): url is string => !!url && /^https?:\/\//i.test(url);
