import type { Mine } from '../../state/mine.ts';
import type { Widget } from '../../state/widget.ts';
import { Button } from '../../view/Button.tsx';
import { askRemove, closeOwn, openEdit, removeOwn } from './actions.ts';
import { editWords } from './words.ts';

/**
 * Edit and Delete under the reader's own comment, or the question deleting asks first: announced,
 * with the focus on Cancel, so a double press deletes nothing.
 */
export function OwnCommentActions({ widget, mine }: { widget: Widget; mine: Mine }) {
  const words = editWords(widget);
  const { own, pending } = widget.state;
  const { id } = mine.comment;
  if (own.removing == id) {
    return (
      <p role="alert">
        {words.confirmRemove}{' '}
        <Button onClick={() => removeOwn(widget, mine)} disabled={pending.own?.busy}>
          {words.remove}
        </Button>
        <Button id="p-no" onClick={() => closeOwn(widget, 'd-' + id)}>
          {words.cancelEdit}
        </Button>
        {pending.own?.error && <span class="e"> {pending.own.error}</span>}
      </p>
    );
  }
  return [
    <Button id={'e-' + id} onClick={() => openEdit(widget, mine)}>
      {words.edit}
    </Button>,
    <Button id={'d-' + id} onClick={() => askRemove(widget, mine)}>
      {words.remove}
    </Button>,
  ];
}
