import { VOTE_WORDS, type VoteWords } from '../../../core/i18n/votes.ts';
import type { Widget } from '../../state/widget.ts';

/** The votes words in the page's language (English where a language has none), under a site's own `strings`. */
export const voteWords = (widget: Widget): VoteWords => ({ ...(VOTE_WORDS[widget.strings.lang.split('-')[0]!] ?? VOTE_WORDS.en), ...(widget.strings as Partial<VoteWords>) });
