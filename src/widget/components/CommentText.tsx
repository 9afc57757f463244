import { tokenize } from '../../core/text.ts';

/**
 * Comment text as text (DESIGN promise 3): every piece becomes a text node or an <a> made here,
 * never parsed markup. tokenize only yields http(s) hrefs.
 * A plain function returning an array of vnodes rather than a component with a Fragment: Preact
 * renders an array child the same way, and the call is shorter than `h(CommentText, { text })`.
 */
export const commentText = (text: string) =>
  tokenize(text).map((para) => (
    <p dir="auto">
      {para.map((line, i) => [
        i > 0 && <br />,
        line.map((x) =>
          typeof x == 'string' ? (
            x
          ) : (
            <a href={x.href} rel="nofollow ugc noopener" target="_blank">
              {x.text}
            </a>
          ),
        ),
      ])}
    </p>
  ));
