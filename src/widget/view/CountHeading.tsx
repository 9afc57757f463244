import { countHeading } from '../../core/strings.ts';
import type { Widget } from '../state/widget.ts';

/** "15 thoughts on “Title”": the thread's published total, not the number listed (DESIGN promise 5). */
export function CountHeading({ widget }: { widget: Widget }) {
  return <h2>{countHeading(widget.state.thread.info!.count, widget.options.title, widget.strings)}</h2>;
}
