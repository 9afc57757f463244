import type { Widget } from '../../state/widget.ts';
import { Button } from '../../view/Button.tsx';
import { postWords } from './words.ts';

/** Preview (issue 16): pressed, the form shows the comment as the thread will; pressed again, it hides it. */
export function PreviewButton({ widget }: { widget: Widget }) {
  const { state } = widget;
  return (
    <Button aria-pressed={!!state.preview} onClick={() => ((state.preview = !state.preview), widget.update())}>
      {postWords(widget).preview}
    </Button>
  );
}
