// "Best first" (issue 16): the lower bound of the Wilson score interval at 95 % for `up` of
// `up + down` (Evan Miller, "How Not To Sort By Average Rating"): 9 of 10 up ranks below 90 of 100,
// and one up vote does not jump over a well-liked comment. No votes is 0. The memory backend sorts
// by it, and the server's stores keep it as each comment's score (src/server/store/votes.ts), so a
// sorted index walk does the work there.
export function wilsonScore(up: number, down: number): number {
  const n = up + down;
  if (n === 0) return 0;
  const z = 1.959_963_984_540_054;
  const p = up / n;
  return (p + (z * z) / (2 * n) - z * Math.sqrt((p * (1 - p) + (z * z) / (4 * n)) / n)) / (1 + (z * z) / n);
}
