import { tokenize } from '../../core/text.ts';

/**
 * Comment text as text (DESIGN promise 3): every piece becomes a text node or an <a> made here,
 * never parsed markup. tokenize only yields http(s) hrefs. The Markdown-like format of later work
 * renders its tree here the same way: elements this file makes, text as text.
 */
export function CommentText({ text }: { text: string }) {
  return tokenize(text).map((paragraph) => (
    <p dir="auto">
      {paragraph.map((line, i) => [
        i > 0 && <br />,
        line.map((piece) =>
          typeof piece == 'string' ? (
            piece
          ) : (
            <a href={piece.href} rel="nofollow ugc noopener" target="_blank">
              {piece.text}
            </a>
          ),
        ),
      ])}
    </p>
  ));
}
