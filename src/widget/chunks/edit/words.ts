import { enEdit } from '../../../core/i18n/en.ts';
import type { Widget } from '../../state/widget.ts';

/** The edit words in the page's language: a language file carries them, English lives here, in the chunk. */
export const editWords = (widget: Widget) => ({ ...enEdit, ...widget.strings });
