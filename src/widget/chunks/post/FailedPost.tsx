import { clearDraft } from '../../state/drafts.ts';
import type { Widget } from '../../state/widget.ts';
import { Button } from '../../view/Button.tsx';
import { postWords } from './words.ts';

/** Retry and Discard draft, after a post that failed for a reason worth another try (the text is kept). */
export function FailedPost({ widget, retry }: { widget: Widget; retry: () => void }) {
  const discard = () => {
    clearDraft(widget.state.draft);
    widget.state.form = { errors: {}, message: '' };
    widget.state.pending.post = undefined;
    widget.update('p-text');
  };
  return [<Button onClick={retry}>{widget.strings.retry}</Button>, <Button onClick={discard}>{postWords(widget).discard}</Button>];
}
