import { countHeading } from '../../core/strings.ts';
import type { Strings } from '../../core/i18n/en.ts';

/** "15 thoughts on “Title”": `n` is the thread's published total, not the number listed (DESIGN promise 5). */
export const CountHeading = ({ s, n, title }: { s: Strings; n: number; title: string }) => <h2>{countHeading(n, title, s)}</h2>;
