import type { DraftField } from '../../core/types.ts';
import type { Widget } from '../state/widget.ts';

/** One labelled field of the form, with its error message tied to it for assistive technology. */
export function FormField({ widget, field, label, type }: { widget: Widget; field: DraftField; label: string; type?: 'email' | 'url' | 'text' }) {
  const { state, strings, actions } = widget;
  const id = 'p-' + field;
  const error = state.form.errors[field];
  const required = field != 'website';
  const props = {
    id,
    name: field,
    value: state.draft.fields[field],
    required,
    'aria-required': required,
    'aria-invalid': !!error,
    'aria-describedby': error && id + 'e',
    onInput: (event: Event) => actions.typeField(field, (event.currentTarget as HTMLInputElement).value),
  };
  return (
    <p>
      <label for={id}>
        {label}
        {/* The star is for the eye; the accessible name says "required" instead. */}
        {required && <span aria-hidden="true"> *</span>}
        {required && <span class="vh"> {strings.required}</span>}
      </label>
      {type ? <input type={type as 'text'} autoComplete={type == 'text' ? field : type} {...props} /> : <textarea rows={6} {...props} />}
      {error && (
        <span id={id + 'e'} class="e">
          {error}
        </span>
      )}
    </p>
  );
}
