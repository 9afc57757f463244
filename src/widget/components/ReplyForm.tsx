import type { Strings } from '../../core/i18n/en.ts';
import { fill } from '../../core/strings.ts';
import type { DraftField } from '../../core/types.ts';
import type { Fields } from './App.tsx';

export interface FormProps {
  s: Strings;
  v: Fields;
  /** Field → message, from the core checks or the server's `fields`. */
  err: Record<string, string>;
  /** The live-region line: the error summary, the failure, or "posted". */
  msg: string;
  /** The last post failed in a way worth retrying: offer Retry and Discard. */
  retry: boolean;
  busy: boolean;
  save: boolean;
  reply: string | null;
  /** The name of the author being replied to, when that comment is displayed. */
  to?: string;
  on: {
    send(): void;
    cancel(): void;
    discard(): void;
    input(k: DraftField, value: string): void;
    hp(value: string): void;
    tick(on: boolean): void;
    focus(): void;
  };
}

const value = (ev: Event) => (ev.currentTarget as HTMLInputElement).value;

/**
 * "Leave a Reply", WordPress's form field for field. Its values live in the App, so the form can
 * move under a comment and back without losing what the reader typed.
 */
export function ReplyForm({ s, v, err, msg, retry, busy, save, reply, to, on }: FormProps) {
  const field = (k: DraftField, label: string, type?: 'email' | 'url' | 'text') => {
    const id = 'p-' + k;
    const e = err[k];
    const req = k != 'website';
    const p = {
      id,
      name: k,
      value: v[k],
      required: req,
      'aria-required': req,
      'aria-invalid': !!e,
      'aria-describedby': e && id + 'e',
      onInput: (ev: Event) => on.input(k, value(ev)),
    };
    return (
      <p>
        <label for={id}>
          {label}
          {/* The star is for the eye; the accessible name says "required" instead. */}
          {req && <span aria-hidden="true"> *</span>}
          {req && <span class="vh"> {s.required}</span>}
        </label>
        {type ? <input type={type as 'text'} autoComplete={type == 'text' ? k : type} {...p} /> : <textarea rows={6} {...p} />}
        {e && (
          <span id={id + 'e'} class="e">
            {e}
          </span>
        )}
      </p>
    );
  };
  return (
    // noValidate: the core checks, worded by the strings table, replace the browser's bubbles.
    <form
      noValidate
      onSubmit={(ev) => (ev.preventDefault(), on.send())}
      onKeyDown={(ev) => ev.key == 'Escape' && reply && on.cancel()}
      onFocusIn={on.focus}
    >
      <h3>{to ? fill(s.replyingTo, { name: to }) : s.leaveReply}</h3>
      {reply && (
        <button type="button" onClick={on.cancel}>
          {s.cancelReply}
        </button>
      )}
      <p>
        {s.privacy} {s.requiredNote} *
      </p>
      {field('text', s.comment)}
      {field('name', s.name, 'text')}
      {field('email', s.email, 'email')}
      {field('website', s.website, 'url')}
      <p>
        <input type="checkbox" id="p-save" checked={save} onChange={(ev) => on.tick(ev.currentTarget.checked)} />{' '}
        <label for="p-save">{s.saveDetails}</label>
      </p>
      {/* The honeypot: unseen, unannounced, out of the tab order; bots fill it in. */}
      <input class="vh" name="hp" tabIndex={-1} autoComplete="off" aria-hidden="true" onInput={(ev) => on.hp(value(ev))} />
      <p role="status">
        {msg}{' '}
        {retry && (
          <>
            <button type="button" onClick={on.send}>
              {s.retry}
            </button>
            <button type="button" onClick={on.discard}>
              {s.discard}
            </button>
          </>
        )}
      </p>
      <button disabled={busy}>{busy ? s.posting : s.postComment}</button>
    </form>
  );
}
