import type { Mine } from '../../state/mine.ts';
import type { Widget } from '../../state/widget.ts';
import { Button } from '../../view/Button.tsx';
import { closeOwn, saveEdit, typeEdit } from './actions.ts';
import { editWords } from './words.ts';

/** The edit form in place of the comment's text; Escape or Cancel puts the text back unchanged. */
export function EditBox({ widget, mine }: { widget: Widget; mine: Mine }) {
  const words = editWords(widget);
  const { own, pending } = widget.state;
  const error = pending.own?.error;
  const back = () => closeOwn(widget, 'e-' + mine.comment.id);
  return (
    <form onSubmit={(event) => (event.preventDefault(), saveEdit(widget, mine))} onKeyDown={(event) => event.key == 'Escape' && back()}>
      <label for="p-edit">{words.editLabel}</label>
      <textarea id="p-edit" rows={6} value={own.text} aria-invalid={!!error} aria-describedby={error && 'p-ee'} onInput={(event) => typeEdit(widget, event.currentTarget.value)} />
      {error && (
        <span id="p-ee" class="e">
          {error}
        </span>
      )}
      <Button onClick={back}>{words.cancelEdit}</Button>
      <button disabled={pending.own?.busy}>{words.save}</button>
    </form>
  );
}
