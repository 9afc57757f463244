// The article of the round-three echo tests (objection.test.ts, piece.test.ts): a council closing a
// pool, written for these tests, and echo's check of a comment against it.
import { echoRule, prepareArticle } from '../../../src/server/moderation/echo.ts';

export const POOL_ARTICLE = `Town council closes the Mill Road pool for two years

The council voted 9 to 4 on Tuesday to close the Mill Road swimming pool for a £6.2 million rebuild, saying the 1968 building could not be repaired.

Swimming clubs will move to the Kingsbridge leisure centre, eleven miles away, until the new pool opens in 2027.

Council leader Amir Shah said the rebuild would cut the pool's energy bill by half. "Patching it up is not an option any more," he said.

The Mill Road Swimmers club, which has 340 members, said the council had not asked it about the move and that many children would stop swimming.

About 52,000 swims a year were recorded at the pool, a quarter of them by school classes.`;

const article = prepareArticle(POOL_ARTICLE);
/** Echo's verdict on `text` as a comment under the pool article, in an empty thread. */
export const check = (text: string) => echoRule({ text, article, others: [] });
