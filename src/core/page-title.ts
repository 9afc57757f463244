// An article's title from a page's <title> (issue 21): "Harbour bridge repairs – The Riverside Gazette"
// says the site's name after the article's. Used by the widget's heading (widget/config.ts, when the
// page has no og:title and no <h1>) and by the server's article reader (server/article-extract.ts).

/**
 * The <title> less a trailing site name: the part after the last common separator (| – — · » : -
 * between spaces) goes when it is og:site_name, or when there is no og:site_name to compare with.
 * @example pageTitle('Harbour bridge repairs – The Riverside Gazette') // 'Harbour bridge repairs'
 */
export function pageTitle(title: string, site?: string | null): string {
  const [, head, tail] = /^(.+)\s[|–—·»:-]\s(.+)$/.exec(title) || [];
  return head && (!site || tail == site) ? head : title;
}
