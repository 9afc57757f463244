import type { JSX } from 'preact';

/** Every button of the widget that is not a form's submit button. */
export function Button(props: JSX.ButtonHTMLAttributes<HTMLButtonElement>) {
  return <button type="button" {...props} />;
}
