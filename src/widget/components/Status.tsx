import type { Strings } from '../../core/i18n/en.ts';

/** Loading and load-failed notices; with `retry` it is an alert with a Retry button. */
export const Status = ({ text, retry, s }: { text: string; retry?: () => void; s: Strings }) => (
  <p role={retry ? 'alert' : 'status'}>
    {text}{' '}
    {retry && (
      <button type="button" onClick={retry}>
        {s.retry}
      </button>
    )}
  </p>
);
