import { Button } from './Button.tsx';

/** "Loading comments…", or why a page could not be loaded, announced, with a Retry button. */
export function LoadStatus({ text, retry, retryLabel }: { text: string; retry?: () => void; retryLabel?: string }) {
  return (
    <p role={retry ? 'alert' : 'status'} class={retry && 'e'}>
      {text} {retry && <Button onClick={retry}>{retryLabel}</Button>}
    </p>
  );
}
