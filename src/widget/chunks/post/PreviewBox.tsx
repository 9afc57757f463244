import type { ComponentChildren } from 'preact';
import type { Widget } from '../../state/widget.ts';
import { postWords } from './words.ts';

/**
 * The comment as it will look: the entry's CommentText of the text as typed (so the chunk carries no
 * parser of its own), in a labelled region set apart by a dashed rule.
 */
export function PreviewBox({ widget, children }: { widget: Widget; children: ComponentChildren }) {
  return (
    <section id="p-preview" aria-label={postWords(widget).preview}>
      <style>{'#p-preview{border:1px dashed var(--parley-border);border-radius:var(--parley-radius);padding:0 .6em;margin:.6em 0}'}</style>
      {children}
    </section>
  );
}
