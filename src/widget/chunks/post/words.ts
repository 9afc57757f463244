import { enPost } from '../../../core/i18n/en.ts';
import type { Widget } from '../../state/widget.ts';

/** The post words in the page's language: a language file carries them, English lives here, in the chunk. */
export const postWords = (widget: Widget) => ({ ...enPost, ...widget.strings });
